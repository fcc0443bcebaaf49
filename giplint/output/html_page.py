"""The shell every giplint page shares: the inline style sheet (screen and A4 print) and the
document around a body. No script, no font or image from anywhere: a page opens offline and is
forwarded as it is (``--format html``, ``giplint compare --format html``).
"""

from __future__ import annotations

from giplint import __version__
from giplint.diagnostics import Severity
from giplint.output.html_view import text

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e4;--warn:#8a5a00;--warn-bg:#fff3cd;--info:#1f5f8b;--info-bg:#e3f0fa;
--ok:#1e7b34;--line:#b9b9b9;--muted:#666}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:15px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:#1b1b1b;background:#f4f4f2}
main{max-width:1100px;margin:0 auto;background:#fff;padding:28px 36px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:22px;margin:0 0 4px;line-height:1.4}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #333}
.meta{color:var(--muted);font-size:13px;margin:0 0 16px;word-break:break-all;text-indent:0}
.summary{display:flex;flex-wrap:wrap;gap:8px 28px;border:1px solid var(--line);border-radius:6px;padding:12px 18px;margin:8px 0 18px;background:#fafafa}
.checks{list-style:none;margin:0;padding:0;flex:1 1 480px;columns:2 260px;column-gap:24px}
.checks li{break-inside:avoid;padding:2px 0}
.checks .mark{display:inline-block;width:1.4em;font-weight:bold}
.checks .pass .mark{color:var(--ok)} .checks .fail .mark{color:var(--err)} .checks .na .mark{color:var(--muted)}
.checks .fail a{color:var(--err)}
.counts{flex:0 0 auto;display:flex;gap:10px;align-items:flex-start}
.count{min-width:64px;text-align:center;border-radius:6px;padding:4px 10px;font-size:13px}
.count b{display:block;font-size:22px;line-height:1.2}
.count.error{background:var(--err-bg);color:var(--err)} .count.warning{background:var(--warn-bg);color:var(--warn)}
.count.info{background:var(--info-bg);color:var(--info)}
.failure{border-left:4px solid var(--err);background:var(--err-bg);padding:6px 12px;margin:8px 0}
p{margin:6px 0;text-indent:2em}
.preamble p{text-indent:0;text-align:center}
.missing{border:2px dashed var(--err);color:var(--err);padding:8px 12px;border-radius:4px}
table.form{border-collapse:collapse;width:100%;margin:10px 0;font-size:13px;line-height:1.45}
table.form caption{caption-side:top;font-weight:bold;font-size:15px;padding:4px 0;text-align:center}
table.form th,table.form td{border:1px solid #555;padding:3px 6px}
table.form th{background:#f1f1ee;font-weight:normal;text-align:left}
table.form th.head{text-align:center;font-weight:bold}
table.form th.short{white-space:nowrap}
table.form td{text-align:center;min-width:3.2em;font-variant-numeric:tabular-nums}
td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f0f0f0 4px,#f0f0f0 8px)}
td.absent{color:var(--muted)}
.hit{outline:2px solid var(--err);outline-offset:-2px} .hit.warning{outline-color:#d39e00} .hit.info{outline-color:var(--info)}
td.hit.error,th.hit.error{background:var(--err-bg)} td.hit.warning,th.hit.warning{background:var(--warn-bg);outline-color:#d39e00}
td.hit.info,th.hit.info{background:var(--info-bg);outline-color:var(--info)}
mark.hit{outline:none;border-bottom:2px solid var(--err);background:var(--err-bg);color:inherit}
mark.hit.warning{background:var(--warn-bg);border-color:#d39e00} mark.hit.info{background:var(--info-bg);border-color:var(--info)}
h2.hit,h1.hit,div.hit{outline:none;border-left:5px solid var(--err);padding-left:8px}
h2.hit.warning,div.hit.warning{border-left-color:#d39e00} h2.hit.info,div.hit.info{border-left-color:var(--info)}
sup.fn{font-size:11px;margin-left:1px} sup.fn a{color:var(--err);text-decoration:none;font-weight:bold}
ol.notes{list-style:none;margin:6px 0 14px;padding:0}
.note{border-left:4px solid var(--err);background:#fffafa;margin:6px 0;padding:6px 12px;font-size:14px;text-indent:0;break-inside:avoid}
.note.warning{border-left-color:#d39e00;background:#fffdf5} .note.info{border-left-color:var(--info);background:#f7fbff}
.note .head{font-size:13px;color:var(--muted)}
.note .no{display:inline-block;min-width:1.6em;font-weight:bold;color:#1b1b1b}
.note .sev{font-weight:bold;margin-right:6px} .note.error .sev{color:var(--err)} .note.warning .sev{color:var(--warn)} .note.info .sev{color:var(--info)}
.note .hint{color:#245c2c} .note .hint b{font-weight:bold}
footer{margin-top:28px;color:var(--muted);font-size:12px}
table.index{border-collapse:collapse;width:100%;font-size:14px} table.index th,table.index td{border:1px solid var(--line);padding:4px 8px}
table.index th{background:#f1f1ee} table.index td.n{text-align:right;font-variant-numeric:tabular-nums}
.yes{color:var(--ok);font-weight:bold} .no{color:var(--err);font-weight:bold}
@page{size:A4;margin:14mm 12mm}
@media print{body{background:#fff;padding:0;font-size:11pt}main{box-shadow:none;max-width:none;padding:0}
a{color:inherit;text-decoration:none}h2{break-after:avoid}table.form{font-size:8.5pt}tr,.note{break-inside:avoid}
.summary{break-inside:avoid}}
"""

SEVERITY_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="giplint {text(__version__)}">\n'
        f"<title>{text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
