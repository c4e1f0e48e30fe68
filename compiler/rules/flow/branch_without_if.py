"""branch-without-if (ALC106)

## What it does
Finds a `do` or `else` line with no `if` before it in the script, as the node reads it: these
lines run or not by the result of the last `if` the node ran on this thread.

## Why it matters
With no `if` above it in its own script, the line is decided by an `if` somewhere else: the
script that ran this one with `process` (its last result carries over), or none at all, when
`do` never runs and `else` always does.  Usually an `if` line was deleted or moved below.

## Example
```
do print "connected"
if !connected == true then goto done
```

## Use instead
```
if !connected == true then
do print "connected"
do goto done
```
"""

from compiler.rules import Finding, Rule
from compiler.syntax import tree as T


class BranchWithoutIf(Rule):
    code = "ALC106"
    name = "branch-without-if"
    severity = "warning"
    summary = "a `do`/`else` line with no `if` before it in its script"

    def check(self, ctx):
        for stmt in ctx.model.statements:
            node = stmt.node
            if isinstance(node, T.If):
                return  # every do/else below it reads an if of this script
            if isinstance(node, (T.Do, T.Else)):
                word = node.keyword.text
                yield Finding(node.keyword.span,
                              f"`{word}` with no `if` before it in this script: it reads the result of "
                              "whatever `if` the node ran last (in the script that processed this one), "
                              "or none",
                              "put the `if` it belongs to above it")
                if _starts_an_if(node):
                    return


def _starts_an_if(node) -> bool:
    """`else if ...` / `do if ...`: an if of this script from here on."""
    while isinstance(node, (T.Do, T.Else)):
        node = node.body
    return isinstance(node, T.If)
