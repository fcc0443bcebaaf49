// A textlint rule of three regexes over every text node: the work bench/textlint_bench.py sets
// beside giplint's (a placeholder sentence, figures with a unit, runs of lost characters).
"use strict";
const patterns = [/无[。.]/g, /[0-9]+件/g, /[?？]{2,}/g];
module.exports = function (context) {
    const { Syntax, RuleError, report, getSource, locator } = context;
    return {
        [Syntax.Str](node) {
            const text = getSource(node);
            for (const pattern of patterns) {
                for (const match of text.matchAll(pattern)) {
                    report(node, new RuleError(`matched ${match[0]}`, {
                        padding: locator.range([match.index, match.index + match[0].length]),
                    }));
                }
            }
        },
    };
};
