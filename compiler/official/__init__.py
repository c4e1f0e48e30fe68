"""The official configuration files of EdgeLake and AnyLog deployments (docker compose ``.env``).

``keys.py`` is the one table of every key those files hold: what it sets in a spec, how its
value reads and writes, its official default, and where it sits.  ``env.py`` writes a node's
official files from the IR; ``compiler/convert/dotenv.py`` reads them into a spec.
"""
