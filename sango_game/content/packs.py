"""Content packs (filled in by the next commit)."""


def is_pack(path) -> bool:
    return False


def load_pack_catalog(path):
    raise NotImplementedError
