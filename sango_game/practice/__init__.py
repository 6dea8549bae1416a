"""Practice levels: a pretend phone or laptop where the child does the real thing.

Pure logic (no pygame): the model, the rule language, the engine with an injectable clock,
and the apps registry. Scenes under ``scenes/practice/`` draw it and route input.
"""
