"""``giplint rules`` (every rule, as configured) and ``giplint explain RULE`` (one rule's page)."""

from __future__ import annotations

import argparse
from typing import IO

from giplint.commands import EXIT_ERROR, EXIT_OK
from giplint.config import apply_config, load_user_config
from giplint.engine.run import registry as load_registry


def rules_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    registry = load_registry()
    rules = registry.rules
    if args.config:
        rules = apply_config(rules, load_user_config(args.config), registry.kinds)
    from giplint.output.rules_text import readable_template

    for rule in sorted(rules, key=lambda r: r.id):
        state = "启用" if rule.enabled else "停用"
        out.write(f"{rule.id}  {rule.name:<28} {rule.severity.chinese}  {state}\n")
        out.write(f"        {readable_template(rule.message)}\n")
    for failure in registry.failures:  # a plugin that failed to load is missing from the list
        err.write(failure.message + "\n")
    return EXIT_ERROR if registry.failures else EXIT_OK


def explain_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from giplint.output.rules_text import explain_text

    registry = load_registry()
    wanted = args.rule.strip().casefold()  # gip301, GIP301 and Applications-Balance all name one rule
    rule = next((r for r in registry.rules if wanted in (r.id.casefold(), r.name.casefold())), None)
    if rule is None:
        err.write(f"未知的规则 {args.rule}。运行 giplint rules 查看全部规则。\n")
        return EXIT_ERROR
    out.write(explain_text(rule))
    return EXIT_OK
