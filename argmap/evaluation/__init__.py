"""Quality measured against the gold data in ``../shared/eval``.

Run ``python -m argmap.evaluation NAME`` (see ``argmap/evaluation/__main__.py`` for the
commands); figures and the commands that produced them are in ``docs/evaluation.md``.
"""
