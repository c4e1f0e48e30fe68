"""How generated commands are written: the one-line or block form, and the words they plan."""

from compiler import parse
from compiler.emit.layout import command, join, lit, pair, value, words


def test_a_piece_knows_the_words_the_node_reads():
    assert pair("company", "My Company").text == 'company = "My Company"'
    assert pair("company", "My Company").words == ("company", "=", "My Company")
    assert pair("threads", 6).words == ("threads", "=", "6")
    assert pair("bind", False).text == "bind = false"
    assert pair("time", words("30 seconds")).words == ("time", "=", "30", "seconds")
    assert join("set node name", value("op1")).words == ("set", "node", "name", "op1")


def test_a_short_command_stays_on_one_line():
    piece = command("connect dbms d", [[pair("type", "sqlite")]])
    assert piece.text == "connect dbms d where type = sqlite"
    assert piece.words == ("connect", "dbms", "d", "where", "type", "=", "sqlite")


def test_a_long_command_becomes_a_block_with_one_group_per_line():
    groups = [[lit("external_ip=!external_ip"), lit("external_port=!anylog_server_port")],
              [lit("internal_ip=!ip"), lit("internal_port=!anylog_server_port")],
              [lit("bind=false"), lit("threads=6")]]
    piece = command("run tcp server", groups)
    assert piece.text == ("<run tcp server where\n"
                          "    external_ip=!external_ip and external_port=!anylog_server_port and\n"
                          "    internal_ip=!ip and internal_port=!anylog_server_port and\n"
                          "    bind=false and threads=6>")
    script = parse(piece.text + "\n")
    assert script.diagnostics == []
    assert [w.value for w in script.statements[0].words] == list(piece.words)


def test_the_form_can_be_forced():
    assert command("run x", [[lit("a=1")], [lit("b=2")]], block=True).text == "<run x where\n    a=1 and\n    b=2>"
    assert command("run x", [[lit("a=" + "1" * 200)]], block=False).text.startswith("run x where a=")
    assert command("run data distributor", []).text == "run data distributor"
