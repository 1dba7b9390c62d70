"""Names and versions of argmap's output formats (public contracts, see docs/formats.md).

A format's major version changes only when a field is removed or changes meaning;
adding fields keeps the version.
"""

CLAIMS = "argmap/claims@1"
GRAPH = "argmap/graph@1"
GAPS = "argmap/gaps@1"
RELATIONS = "argmap/relations@1"
