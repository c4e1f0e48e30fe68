"""What ``alc convert`` reports: one code per kind of finding (ALC7xx belong to conversion).

Each code has its one-line summary here; ``compiler/codes/convert.py`` explains it with an
example (the catalogue of every code collects both).  ALC703 (`conditional-step`) and ALC705
(`branch-not-taken`) are retired: a statement under a condition, or on a branch the known
values rule out, is now kept verbatim in its place, never turned into a setting or left out.
"""

from __future__ import annotations

from compiler.diagnostics import ERROR, INFO, WARNING
from compiler.spec.codes import Check

CARRIED = Check("ALC701", "carried-verbatim", INFO,
                "a statement no spec field represents, kept verbatim in the node's `commands`")
NOT_CARRIED = Check("ALC702", "not-carried", WARNING,
                    "a value the spec cannot hold (a flag only the node knows): the spec keeps its default")
SECRET = Check("ALC704", "secret-to-env", WARNING,
               "a password written in the input: the spec names an environment variable instead")
ENV_KEY = Check("ALC706", "env-key-not-carried", INFO,
                "an official `.env` setting not carried into the script: a feature that is off (once per "
                "feature), or a key kept in `container.env`")
NOT_FAITHFUL = Check("ALC707", "not-faithful", ERROR,
                     "a statement the spec's build would not run in its place: convert refuses the input "
                     "(a warning with --canonical)")
NO_NODE = Check("ALC708", "no-node", ERROR,
                "a script that configures no node: a spec would add services it never runs")
PLUMBING = Check("ALC709", "plumbing-absorbed", INFO,
                 "with --env, the start scripts' plumbing (error handling, display, container bootstrap, "
                 "runtime checks of a step, dead computations) read with the steps it serves, once per kind")
