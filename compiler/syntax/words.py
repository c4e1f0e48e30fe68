"""Word splitting exactly as the AnyLog node does it.

A port of ``utils_data.cmd_line_to_list_with_json`` (EdgeLake, ``edge_lake/generic/utils_data.py``):
the node has no grammar of its own, it splits a command line into words one character at a
time and every command then reads the words by position.  alc must see the same words, so
this module copies the splitter's rules, quirks included, and adds what the node throws
away: the offset of every word, and why a split stopped (a comment, an ``&``, an error).

Offsets are indexes into the string that is split (a statement's logical text).
"""

from __future__ import annotations

import re

from compiler.record import record
from compiler.syntax.cache import TextCache

# Word kinds, decided by how the splitter produced the word.
WORD = "WORD"  # an ordinary run of characters (may hold !var, $ENV, x[0], now() ...)
DQ = "DQ"  # "double quoted": the node removes the quotes
SQ = "SQ"  # 'single quoted': the node keeps the quotes
BQ = "BQ"  # `back quoted`: kept like single quotes
ESCQ = "ESCQ"  # \"escaped quotes\": kept as written
PAREN = "PAREN"  # ( ... ) group that starts a word
BRACE = "BRACE"  # { ... } JSON object
BRACKET = "BRACKET"  # [ ... ] group that starts a word ([*][id], JSON list)
OPEN = "OPEN"  # a { or [ group that does not close on this line: the rest of the line
OP = "OP"  # = == != + < > <= >= ->

# Why a split ended early.
ERR_DQ = "unclosed-double-quote"
ERR_SQ = "unclosed-single-quote"
ERR_BQ = "unclosed-back-quote"
ERR_ESCQ = "unclosed-escaped-quote"
ERR_PAREN = "unclosed-parenthesis"


@record(slots=True)
class RawWord:
    start: int
    end: int
    kind: str


@record(slots=True)
class Split:
    """The result of splitting one command string."""

    words: list[RawWord]
    left: int  # running count of opening brackets (the node's JSON counter)
    right: int  # running count of closing brackets
    error: str | None = None  # one of the ERR_* kinds: the node rejects the line
    error_at: int = -1
    comment_at: int = -1  # offset of a '#' that ended the command
    ampersand_at: int = -1  # offset of an '&' that ended the command

    @property
    def continues(self) -> bool:
        """True when a JSON group is still open: the node pulls in the next lines."""
        return self.left != self.right


# The two characters find_closing counts, per pair: a search jumps from one to the next.
_PAIR_CHARS = {("{", "}"): re.compile(r"[{}]"), ("[", "]"): re.compile(r"[\[\]]"),
               ("(", ")"): re.compile(r"[()]")}


def find_closing(text: str, start: int, open_c: str, close_c: str, ignore: str | None,
                 left: int, right: int) -> tuple[int, int, int]:
    """``find_parentheses_offset``: one counter pair, only ``open_c``/``close_c`` counted.

    Quotes are not respected (a ``}`` inside a JSON string counts), and with ``ignore``
    a closing bracket followed by ``[`` or ``:`` does not end the group, so ``[a][b]``
    and ``[a]:[b]`` stay one word.  Returns (offset of the balancing char or -1, left, right).

    The node checks the counters after every character.  They change only at the two
    bracket characters, and once they balance the node stops, so only three places can
    end the search: ``start`` itself (counters already equal), a bracket that balances
    them, and the character after a skipped ``:``.  A regular expression jumps from one
    bracket to the next (JSON values are long: the character loop was the slow part).
    """
    n = len(text)
    if start >= n:
        return -1, left, right
    if left == right and text[start] != open_c and text[start] != close_c:
        return start, left, right
    search = _PAIR_CHARS[(open_c, close_c)].search
    off = start
    while True:
        m = search(text, off)
        if m is None:
            return -1, left, right
        off = m.start()
        if text[off] == open_c:
            left += 1
        else:
            right += 1
            if ignore and off < n - 1 and text[off + 1] in ignore:
                if text[off + 1] == open_c:
                    off += 1  # [a][b]: no check here, the '[' counts next
                    continue
                off += 2  # [a]:[b]: the ':' is stepped over, the character after it checked
                if off >= n:
                    return -1, left, right
                if left == right and text[off] != open_c and text[off] != close_c:
                    return off, left, right
                continue
        if left == right:
            return off, left, right
        off += 1


# The fast path: text without brackets, groups, comments, '&', '\\' or '\r' (most lines) is
# split by one regular expression with the same result as the character loop below.  Anything
# it does not cover (an unclosed quote, a quote as the last character, `->`) falls back.
_SLOW_CHARS = re.compile(r"[{}\[\]()#&\\\r]|-[<>]")
# The tokens of such a line.  The alternatives start with different characters, so their
# order does not matter; the word's loop is unrolled (runs of ordinary characters, then a '!'
# not followed by '='), which the regex engine runs much faster than a per-character choice.
_FAST = re.compile(
    r"(?:[^ \t\n=+<>!\"'`]|!(?!=))[^ \t\n=+<>!]*(?:!(?!=)[^ \t\n=+<>!]*)*"
    r"|[ \t\n]+"
    r"|!=|==|<=|>=|[=+<>]"
    r'|"[^"]*"'
    r"|'[^']*'"
    r"|`[^`]*`")
# A token's kind by its first character: None for blanks, WORD for any other character
# ('!' starts a word unless the token is "!=").
_FIRST_KIND = {" ": None, "\t": None, "\n": None, "=": OP, "+": OP, "<": OP, ">": OP,
               '"': DQ, "'": SQ, "`": BQ}


def _split_fast(text: str) -> list[RawWord] | None:
    """The words of a line without special characters, or None where the loop must decide."""
    # findall returns the token strings without a match object each (the costly part);
    # offsets follow from their lengths.  A character no alternative takes (an unclosed
    # quote ...) is skipped by findall, so the lengths then fall short of the text.
    words: list[RawWord] = []
    at = 0
    kind_of = _FIRST_KIND.get
    for token in _FAST.findall(text):
        end = at + len(token)
        first = token[0]
        kind = kind_of(first, WORD)
        if kind is not None:
            words.append(RawWord(at, end, OP if first == "!" and token == "!=" else kind))
        at = end
    return words if at == len(text) else None


# Splits by text: deployment scripts repeat most of their lines (a statement text is split
# once, then shared: callers never change a Split).
# (Two generations of 20,000 texts: see compiler/syntax/cache.py.)
_SPLITS = TextCache(20_000)
CACHE_SPLITS = True  # tests turn it off to compare with uncached splits


def split(text: str, left: int = 0, right: int = 0) -> Split:
    """Split ``text`` into words as the node does, starting with the given JSON counters."""
    if left != right:
        return split_exact(text, left, right)
    result = _SPLITS[text] if CACHE_SPLITS else None
    if result is None:
        if _SLOW_CHARS.search(text) is None:
            fast = _split_fast(text)
            if fast is not None:
                result = Split(fast, left, right)
        if result is None:
            result = split_exact(text, left, right)
        if CACHE_SPLITS:
            _SPLITS.put(text, result)
    return result


def split_exact(text: str, left: int = 0, right: int = 0) -> Split:
    """The node's character loop (see :func:`split`)."""
    words: list[RawWord] = []
    n = len(text)
    in_word = False
    word_start = 0
    i = 0
    result = Split(words, left, right)
    while i < n:
        ch = text[i]
        if not in_word:
            word_start = i

        if left != right:
            # Pulling in a JSON value that began on an earlier line: the node counts only
            # braces here and takes the whole rest of the line as one word.
            _, left, right = find_closing(text, i, "{", "}", None, left, right)
            words.append(RawWord(word_start, n, OPEN if left != right else BRACE))
            in_word = False
            i = n
            break

        if ch == "{" or ch == "[":
            if in_word and ch == "{":
                words.append(RawWord(word_start, i, WORD))  # '{' ends the word before it
                word_start = i
            elif i and text[i - 1] == " ":
                word_start = i
            in_word = False
            if ch == "{":
                pos, left, right = find_closing(text, i, "{", "}", None, left, right)
            else:
                pos, left, right = find_closing(text, i, "[", "]", "[:", left, right)
            if pos == -1:
                words.append(RawWord(word_start, n, OPEN))
                i = n
                break
            if (text[word_start:pos + 1] == "{}" and len(words) == 1
                    and text[word_start - 1] not in " ="):
                words[0].end = pos + 1  # name{} = value keeps "name{}" as one word
            else:
                words.append(RawWord(word_start, pos + 1, BRACE if text[word_start] == "{" else
                                     BRACKET if text[word_start] == "[" else WORD))
            i = pos + 1
            continue

        if ch == "\r":
            # The rest of the line is one word (the node's "set script" data form).
            if in_word:
                words.append(RawWord(word_start, i, WORD))
            words.append(RawWord(i + 1, n, WORD))
            in_word = False
            break

        if ch == " " or ch == "\n" or ch == "\t":
            if in_word:
                words.append(RawWord(word_start, i, WORD))
            in_word = False
            i += 1
            continue

        if ch == "!" and i + 1 < n and text[i + 1] == "=":
            if in_word:
                words.append(RawWord(word_start, i, WORD))
            words.append(RawWord(i, i + 2, OP))
            in_word = False
            i += 2
            continue

        if ch == "=" or ch == "+":
            if in_word:
                words.append(RawWord(word_start, i, WORD))
            in_word = False
            if ch == "=" and i + 1 < n and text[i + 1] == "=":
                words.append(RawWord(i, i + 2, OP))
                i += 2
            else:
                words.append(RawWord(i, i + 1, OP))
                i += 1
            continue

        if ch == "<" or ch == ">":
            if in_word:
                if text[word_start:i] == "-":
                    words.append(RawWord(word_start, i + 1, OP))  # "->"
                    in_word = False
                    i += 1
                    continue
                words.append(RawWord(word_start, i, WORD))
            in_word = False
            if i + 1 < n and text[i + 1] == "=":
                words.append(RawWord(i, i + 2, OP))
                i += 2
            else:
                words.append(RawWord(i, i + 1, OP))
                i += 1
            continue

        if ch == "&":
            # Ends the command; the node parks the rest and never runs it.
            if in_word:
                words.append(RawWord(word_start, i, WORD))
            in_word = False
            result.ampersand_at = i
            break

        if ch == "(" and n > i + 1:
            pos, opened, closed = find_closing(text, i + 1, "(", ")", None, 1, 0)
            if opened != closed:
                result.error, result.error_at = ERR_PAREN, i
                break
            if not in_word:
                words.append(RawWord(i, pos + 1, PAREN))
            i = pos + 1  # inside a word, the group just becomes part of it: now(), f(a, b)
            continue

        if not in_word:
            if ch == '"' and n > i + 1:
                end = text.find('"', i + 1)
                if end == -1:
                    result.error, result.error_at = ERR_DQ, i
                    break
                words.append(RawWord(i, end + 1, DQ))
                i = end + 1
                continue
            if (ch == "'" or ch == "`") and n > i + 1:
                end = text.find(ch, i + 1)
                if end == -1:
                    result.error, result.error_at = (ERR_SQ if ch == "'" else ERR_BQ), i
                    break
                words.append(RawWord(i, end + 1, SQ if ch == "'" else BQ))
                i = end + 1
                continue
            if ch == "\\" and n > i + 3 and text[i + 1] == '"':
                end = text.find('\\"', i + 2)
                if end == -1:
                    # The node's own loop goes back in the line here and can spin forever.
                    result.error, result.error_at = ERR_ESCQ, i
                    break
                words.append(RawWord(i, end + 2, ESCQ))
                i = end + 2
                continue
            if ch == "#":
                result.comment_at = i
                break
            in_word = True
            word_start = i
        i += 1

    if result.error is None and in_word:
        words.append(RawWord(word_start, n, WORD))
    result.left, result.right = left, right
    return result


def node_values(text: str) -> list[str] | None:
    """The words a command function receives for the line ``text``: double quotes removed,
    every other word as the splitter left it.  None when the node rejects the line (an
    unclosed quote or parenthesis) or reads the next lines into it (a bracket never closed).
    The words end where the node stops reading: at a comment or an ``&``."""
    result = split(text)
    if result.error is not None or result.continues:
        return None
    out = []
    for word in result.words:
        value = text[word.start:word.end]
        out.append(value[1:-1] if word.kind == DQ else value)
    return out


_GROUPS = {("(", ")"), ("{", "}"), ("[", "]"), ('"', '"')}


def rebuild(values: list[str]) -> str:
    """``utils_data.get_str_from_array``: how the node turns the words after ``do``, ``else``
    and ``then`` back into a line, which it then splits again.  Empty words vanish, and only a
    word with a space that is not already a group is put back in double quotes: ``a=b`` comes
    back as three words, ``"a b"`` as one."""
    parts = []
    for value in values:
        if not value:
            continue
        grouped = (value[0], value[-1]) in _GROUPS
        parts.append(f'"{value}"' if not grouped and " " in value else value)
    return " ".join(parts)
