"""What ``alc convert`` reports: one code per kind of finding (ALC7xx belong to conversion)."""

from __future__ import annotations

from compiler.diagnostics import INFO, WARNING
from compiler.spec.codes import Check

CARRIED = Check("ALC701", "carried-verbatim", INFO,
                "a statement no spec field represents, kept verbatim in the node's `commands`")
NOT_CARRIED = Check("ALC702", "not-carried", WARNING,
                    "something the spec cannot hold (a label, an `.env` key): left out, and said so")
CONDITIONAL = Check("ALC703", "conditional-step", WARNING,
                    "a step under a condition alc cannot decide: converted as if it holds")
SECRET = Check("ALC704", "secret-to-env", WARNING,
               "a password written in the input: the spec names an environment variable instead")
SKIPPED = Check("ALC705", "branch-not-taken", INFO,
                "a statement on a branch that the known values rule out: the node never runs it")
ENV_KEY = Check("ALC706", "env-key-not-carried", INFO,
                "a docker `.env` key no spec field holds: left out, with the reason")
