"""`alc convert DIR` and `alc diff DIR SPEC` of a folder of official configuration files."""

from typer.testing import CliRunner

from compiler.cli.app import app
from tests.conftest import FIXTURES

runner = CliRunner()
BASE = """NODE_TYPE=operator
NODE_NAME=lakeside-op
COMPANY_NAME="Lakeside Water"
ANYLOG_SERVER_PORT=32148
ANYLOG_REST_PORT=32149
TCP_THREADS=4
LEDGER_CONN=10.7.0.1:32048
CLUSTER_NAME=lakeside
DEFAULT_DBMS=water
ENABLE_MQTT=false
MQTT_BROKER=10.7.0.9
"""
ADVANCE = """# ours: the later file wins
TCP_THREADS=7
QUERY_POOL=9
"""


def _folder(tmp_path):
    (tmp_path / "base_configs.env").write_text(BASE)
    (tmp_path / "advance_configs.env").write_text(ADVANCE)
    return tmp_path


def test_a_folder_converts_as_the_makefile_loads_it_the_advanced_file_overriding(tmp_path):
    result = runner.invoke(app, ["convert", str(_folder(tmp_path))])
    assert result.exit_code == 0, result.stderr
    assert "platform: edgelake\n" in result.stdout
    assert "      threads: 7\n" in result.stdout
    assert "rest:\n      port: 32149\n" in result.stdout  # never an empty `rest: {}`
    assert '        QUERY_POOL: "9"\n' in result.stdout
    advance = tmp_path / "advance_configs.env"
    base = tmp_path / "base_configs.env"
    assert f"{advance}:3:1: ALC706 [env-key-not-carried] `QUERY_POOL` is kept in the node's container.env" \
        in result.stderr
    assert f"{base}:10:1: ALC706 [env-key-not-carried] the MQTT client is not carried over: ENABLE_MQTT is " \
        "not true (1 key: MQTT_BROKER)" in result.stderr


def test_a_folder_with_neither_scripts_nor_env_files_is_refused(tmp_path):
    result = runner.invoke(app, ["convert", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, f"alc: error: {tmp_path}: holds no .al script and no .env "
                                                    "file\n")


def test_diff_of_a_folder_and_the_spec_it_converts_to_is_empty(tmp_path):
    (tmp_path / "configs").mkdir()
    folder = _folder(tmp_path / "configs")
    spec = tmp_path / "lakeside.yaml"
    assert runner.invoke(app, ["convert", str(folder), "-o", str(spec)]).exit_code == 0
    result = runner.invoke(app, ["diff", str(folder), str(spec)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_an_anylog_node_configs_file_says_anylog(tmp_path):
    text = (FIXTURES / "convert" / "anylog-query.env").read_text()
    (tmp_path / "node_configs.env").write_text(text)
    result = runner.invoke(app, ["convert", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "platform:" not in result.stdout  # anylog, the default, is not written
