"""How generated commands are written: quoting and the one-line or block form."""

from compiler import parse
from compiler.emit.layout import command, pair, word


def test_words_are_quoted_only_where_the_node_needs_it():
    assert word(True) == "true" and word(32148) == "32148"
    assert word("!external_ip") == "!external_ip"
    assert word("!anylog_server_port.int") == "!anylog_server_port.int"
    assert word("$DB_PASSWORD") == "$DB_PASSWORD"
    assert word("10.0.0.10:32048") == "10.0.0.10:32048"
    assert word("file_name[0]") == "file_name[0]"
    assert word("-30d") == "-30d"
    assert word("My Company") == '"My Company"'
    assert word("a&b") == '"a&b"' and word("#x") == '"#x"' and word("a=b") == '"a=b"'
    assert word("!not a reference") == '"!not a reference"'


def test_a_short_command_stays_on_one_line():
    assert command("connect dbms d", [[pair("type", "sqlite")]]) == "connect dbms d where type = sqlite"


def test_a_long_command_becomes_a_block_with_one_group_per_line():
    groups = [["external_ip=!external_ip", "external_port=!anylog_server_port"],
              ["internal_ip=!ip", "internal_port=!anylog_server_port"], ["bind=false", "threads=6"]]
    text = command("run tcp server", groups)
    assert text == ("<run tcp server where\n"
                    "    external_ip=!external_ip and external_port=!anylog_server_port and\n"
                    "    internal_ip=!ip and internal_port=!anylog_server_port and\n"
                    "    bind=false and threads=6>")
    assert parse(text + "\n").diagnostics == []


def test_the_form_can_be_forced():
    assert command("run x", [["a=1"], ["b=2"]], block=True) == "<run x where\n    a=1 and\n    b=2>"
    assert command("run x", [["a=" + "1" * 200]], block=False).startswith("run x where a=")
    assert command("run data distributor", []) == "run data distributor"
