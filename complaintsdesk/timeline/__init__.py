"""The case timeline: one chronological history collected from small per-source functions.

Each source (stages, notes, documents, appointments, the Ombudsman, the audit trail's actions,
and correspondence once it exists) is a function registered with `timeline_source`; the
case page calls `case_timeline`, which merges and sorts what they return. A new record type
plugs in by registering its own source; nothing here needs to change.
"""
