"""`alc server`: a Language Server Protocol server for AnyLog scripts and alc specs.

One module per feature: ``diagnostics`` (what `alc lint` finds), ``actions`` (fixes,
suppressions, explanations), ``hover``, ``navigation`` (definition and references),
``symbols``, ``completion`` and ``formatting`` (`alc fmt`); ``documents``, ``positions``
and ``workspace`` keep the open documents, LSP's positions and the projects; ``app`` is
the server that ties them to the protocol (pygls).
"""
