"""empty-branch (ALC004)

## What it does
Finds an `else` or a `do` with nothing after it on its line (or in its `<...>` block): a
branch written as in other languages, with its commands on the lines below.

## Why it matters
`else` and `do` each run the one command written after them.  Alone, the node rejects the
line with "Error Command Structure", which stops the script even when `on error goto` is set
(only `on error ignore` goes on); the `do` lines below it then belong to the `if` above.

## Example
```
if !opcua_name then
do tags = !opcua_name + _tags.al
else
do tags = !opcua_url + _tags.al
```

## Use instead
```
if !opcua_name then
do tags = !opcua_name + _tags.al
else tags = !opcua_url + _tags.al
```
"""

from compiler.rules import Finding, Rule
from compiler.syntax import tree as T


class EmptyBranch(Rule):
    code = "ALC004"
    name = "empty-branch"
    severity = "error"
    summary = "`else` or `do` with no command after it"

    def check(self, ctx):
        for stmt in ctx.model.statements:
            node = stmt.node
            while isinstance(node, (T.Do, T.Else)) and node.body is not None:
                node = node.body if isinstance(node.body, (T.Do, T.Else)) else None
            if isinstance(node, (T.Do, T.Else)) and node.body is None:
                word = node.keyword.text
                yield Finding(node.keyword.span,
                              f"`{word}` with no command after it: the node rejects this line "
                              "(\"Error Command Structure\") and stops the script",
                              f"write the command on the same line: `{word} <command>`")
