"""The YAML and TOML readers: the values they give and where they say each key was written."""

from compiler.spec import toml_reader, yaml_reader
from compiler.spec.document import Mark, format_entry, key_path

YAML = """\
alc: 1
company: Acme
nodes:
  - name: op1
    tcp: {port: 32148, bind: false}
    commands:
      - run scheduler 1
"""

TOML = """\
alc = 1
company = "Acme"

[[nodes]]
name = "op1"
tcp = { port = 32148, bind = false }
commands = [
  "run scheduler 1",  # a comment
]

[[nodes]]
name = "op2"

[nodes.databases.data]
name = "d"
"""


def test_yaml_values_and_marks():
    doc, found = yaml_reader.read(YAML, "s.yaml")
    assert found == []
    assert doc.data == {"alc": 1, "company": "Acme", "nodes": [
        {"name": "op1", "tcp": {"port": 32148, "bind": False}, "commands": ["run scheduler 1"]}]}
    assert doc.keys[("company",)] == Mark(2, 1, 2, 8)
    assert doc.values[("company",)] == Mark(2, 10, 2, 14)
    assert doc.values[("nodes", 0, "tcp", "port")] == Mark(5, 17, 5, 22)
    assert doc.values[("nodes", 0, "commands", 0)] == Mark(7, 9, 7, 24)
    # A list item's own mark stops at the end of its first line.
    assert doc.keys[("nodes", 0)] == Mark(4, 5, 4, 14)


def test_toml_values_and_marks():
    doc, found = toml_reader.read(TOML, "s.toml")
    assert found == []
    assert doc.data["nodes"][1] == {"name": "op2", "databases": {"data": {"name": "d"}}}
    assert doc.keys[("company",)] == Mark(2, 1, 2, 8)
    assert doc.values[("company",)] == Mark(2, 11, 2, 17)
    assert doc.keys[("nodes", 0)] == Mark(4, 1, 4, 10)
    assert doc.values[("nodes", 0, "tcp", "port")] == Mark(6, 16, 6, 21)
    assert doc.values[("nodes", 0, "tcp", "bind")] == Mark(6, 30, 6, 35)
    assert doc.values[("nodes", 0, "commands", 0)] == Mark(8, 3, 8, 20)
    assert doc.keys[("nodes", 1)] == Mark(11, 1, 11, 10)
    assert doc.keys[("nodes", 1, "databases")] == Mark(14, 8, 14, 17)
    assert doc.values[("nodes", 1, "databases", "data", "name")] == Mark(15, 8, 15, 11)


def test_toml_strings_of_every_kind_keep_the_scanner_in_step():
    text = ('a = """x = "y"\n[not.a.table]"""\n'
            "b = '''it''s'''\n"
            'c = "say \\"hi\\" # not a comment"\n'
            "'d e' = 'lit'\n"
            "f = 1979-05-27\n")
    doc, found = toml_reader.read(text, "s.toml")
    assert found == []
    assert doc.data["f"] == "1979-05-27"  # dates become the text they stand for
    assert doc.keys[("d e",)] == Mark(5, 1, 5, 6)
    assert doc.values[("f",)] == Mark(6, 5, 6, 15)
    assert ("not",) not in doc.keys


def test_yaml_timestamps_stay_text_and_aliases_are_followed():
    doc, found = yaml_reader.read("a: 2024-01-02\nb: &x {k: 1}\nc: *x\n", "s.yaml")
    assert found == []
    assert doc.data == {"a": "2024-01-02", "b": {"k": 1}, "c": {"k": 1}}


def test_yaml_merge_keys_are_refused():
    doc, found = yaml_reader.read("a: &x {k: 1}\nb:\n  <<: *x\n", "s.yaml")
    assert [d.message for d in found] == ["YAML merge keys (`<<`) are not supported in specs"]


def test_yaml_several_documents_are_a_syntax_error():
    doc, found = yaml_reader.read("a: 1\n---\nb: 2\n", "s.yaml")
    assert doc is None
    assert found[0].message == "YAML: a spec is one document, and a second one starts here"
    assert (found[0].line, found[0].column) == (2, 1)


def test_key_paths_and_examples():
    assert key_path(()) == "(top level)"
    assert key_path(("nodes", 0, "tcp", "port")) == "nodes[0].tcp.port"
    assert format_entry("yaml", "ip", "!ip") == 'ip: "!ip"'
    assert format_entry("yaml", "start_date", "-30d") == "start_date: -30d"
    assert format_entry("toml", "tcp", {"port": 1, "bind": True}) == "tcp = { port = 1, bind = true }"
    assert format_entry("yaml", "tcp", {"port": 1}) == "tcp: {port: 1}"


def test_nesting_too_deep_is_an_error_not_a_crash():
    cases = [("a: " + "[" * 5000 + "]" * 5000 + "\n", "s.yaml"), ("a: " + "[" * 40 + "]" * 40, "s.yaml"),
             ("a = " + "[" * 5000 + "]" * 5000 + "\n", "s.toml"),
             ("a = " + "{b=" * 3000 + "1" + "}" * 3000, "s.toml")]
    for text, path in cases:
        found = (yaml_reader if path.endswith("yaml") else toml_reader).read(text, path)[1]
        assert [d.message for d in found][-1].endswith("nested more than 32 levels deep; a spec needs a few")


def test_yaml_types_and_characters_a_spec_cannot_hold():
    doc, found = yaml_reader.read("a: !!binary aGk=\nb: !!int abc\n", "s.yaml")
    assert [(d.code, d.message) for d in found] == [
        ("ALC602", "`a`: specs do not use YAML's `!!binary` type"),
        ("ALC601", "YAML: `abc` is not a valid int")]
    doc, found = yaml_reader.read("a: 1\nb: \x1f\n", "s.yaml")
    assert doc is None and [(d.line, d.column, d.message) for d in found] == [
        (2, 4, "YAML: character #x001f is not allowed in YAML")]
