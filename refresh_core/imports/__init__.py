"""Importing attendance files into the database: plan, write, undo.

``ingest`` parses files and writes nothing; this package turns a parsed file
into one transaction: the plan (``plan``, with the file's ``meeting_groups``
and ``meetings``, ``organisations``, ``rows`` and ``moves``: people who moved to
another organisation), the writing (``write``), the whole step and its
result (``apply``, ``results``), the Import page's per-file step (``upload``) and its
previews of several files in order (``several``),
remembered column mappings (``mappings``), history and undo (``batches``) and
the organisation roster upload (``roster``).

Rule: imports may use ``people`` and ``ingest``, never recruitment, meeting,
health or hosting.
"""
