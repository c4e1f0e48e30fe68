"""compiler.official.keys: the table is complete and consistent."""

import pytest

from compiler.official import keys as K


def test_every_key_of_every_official_layout_is_in_the_table_once():
    names = [key.name for key in K.KEYS]
    assert len(names) == len(set(names))
    laid_out = {name for files in K.LAYOUTS.values() for _, sections in files for _, ks in sections for name in ks}
    assert laid_out <= set(names)
    # Only the docker-makefiles .env's Remote-CLI keys, and IS_MAIN (which set_params.al reads),
    # are in no node's files.
    assert set(names) - laid_out == {"CONN_IP", "CLI_PORT", "IS_MAIN"}


@pytest.mark.parametrize("key", K.KEYS, ids=lambda k: k.name)
def test_each_key_names_a_target_a_converter_and_a_known_feature(key):
    assert key.target in (K.SPEC, K.CONTAINER, K.ENV, K.DERIVED)
    assert key.kind in K.CONVERTERS
    assert key.feature is None or key.feature in K.FEATURES
    if key.target in (K.SPEC, K.CONTAINER):
        assert key.path
    if key.target == K.CONTAINER:
        assert key.path.startswith("container.")
    if key.name in ("CONN_IP", "CLI_PORT", "IS_MAIN"):
        assert K.places(key.name) == []
    else:
        assert K.places(key.name) and K.platforms(key.name)


@pytest.mark.parametrize("key", [k for k in K.KEYS if k.default and k.name not in K.SECRETS], ids=lambda k: k.name)
def test_an_official_default_reads_and_writes_back_in_its_official_form(key):
    read, write = K.CONVERTERS[key.kind]
    written = write(read(key.default))
    if key.kind == "sync":  # `30 second` reads as `30 seconds`, which the files also take
        assert K.CONVERTERS["sync"][0](written) == read(key.default)
    else:
        assert written == key.default


def test_where_a_key_sits():
    assert ("edgelake", "operator", "base_configs.env", "MQTT") in K.places("MQTT_BROKER")
    assert ("anylog", "*", "node_configs.env", "MQTT") in K.places("MQTT_BROKER")
    assert K.platforms("MONITOR_NODES") == ("edgelake",)
    assert K.platforms("LICENSE_KEY") == ("anylog",)
    assert K.layout("edgelake", "publisher") is K.LAYOUTS[("edgelake", "generic")]  # EdgeLake has none
