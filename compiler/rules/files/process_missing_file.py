"""process-missing-file (ALC501)

## What it does
Finds `process PATH` whose file is not in the project.  A path that starts with a variable
(`!local_scripts/policies/node.al`) is matched by its fixed tail against the project's
files, and, when the project shows which folder the variable names (most of its `process`
paths are in one folder), against that folder; paths built only from variables are not
checked.

## Why it matters
A missing script fails with "Script not available", and unless `on error ignore` is set,
stops the calling script too.

## Example
```
process !local_scripts/database/connect_dbms_bucket.al
```

## Use instead
Point `process` at a script that exists, or create it.

## Options
`root` in `[tool.alc]` (or `--root`) says where the project's scripts are.
"""

from compiler.model.summary import prefixed
from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


def fixed_tail(words) -> str | None:
    """The fixed part of a process path after its last variable, when it names a script."""
    text = "".join(w.value for w in words)
    if not text.endswith(".al"):
        return None
    last = max(text.rfind("!"), text.rfind("$"))
    if last >= 0:
        rest = text[last:]
        slash = rest.find("/")
        return rest[slash + 1:] if slash >= 0 else None  # the name itself from a variable
    if text.startswith("/"):
        return text.rsplit("/", 1)[-1]  # an absolute path on the node: match the file name
    return text.removeprefix("./")


class ProcessMissingFile(Rule):
    code = "ALC501"
    name = "process-missing-file"
    severity = "error"
    summary = "`process` of a script that is not in the project"
    embedded = True

    def check(self, ctx):
        # Whether a file ends with the path is a fact of the project's files, not of this
        # script: every candidate waits for the facts (a file added to the project, or a
        # cached result of this script, then gives the right answer).
        paths = []
        for _stmt, node in ctx.model.processes:
            if not node.file or any(w.kind not in ("WORD", "VAR", "ENV", "DQ") for w in node.file):
                continue
            if any(w.kind in ("VAR", "ENV") for w in node.file[1:]):
                continue  # a file name chosen at run time
            tail = fixed_tail(node.file)
            if tail is not None:
                paths.append((tail, prefixed(node), span_of_words(node.file)))
        if paths:
            yield from ctx.later(self, paths)

    @staticmethod
    def finish(data, facts):
        project = facts.layout
        if project is None or project.root is None:
            return
        placed = []  # `!var/tail` paths found somewhere: is it where the variable points?
        for tail, var_tail, span in data:
            if project.has_file_ending(tail):
                if var_tail is not None:
                    placed.append((*var_tail, span))
                continue
            other_case = project.file_ending_ignoring_case(tail)
            help = (f"the project has `{other_case}`, which differs in case: file names are "
                    "case-sensitive on the node's Linux host") if other_case else \
                "the node stops with \"Script not available\"; fix the path or add the script"
            yield Finding(span, f"`process` runs `{tail}`, but no file of the project ends with that path", help)
        for name, tail, span in placed:
            folder = facts.missing.get((name, tail))
            if folder is not None:
                where = f"the folder `{folder}`" if folder else "the project's root folder"
                yield Finding(span, f"`process` runs `!{name}/{tail}`: in this project `!{name}` is {where} "
                              f"(most of its `process` paths are there), which has no `{tail}`",
                              f"the node stops with \"Script not available\"; write the path from {where}")
