"""Schema versions of the progress store and the migrations between them.

The version lives in ``PRAGMA user_version``. ``schema/v<N>.sql`` is the complete CREATE script of
version N, kept forever: a new database is made from the newest script, and the tests build a
database at every older version from the old scripts and check that migrating it keeps the data.

``MIGRATIONS[n]`` brings a database from version n to n + 1: either an SQL script or a function
taking the connection. All steps of one upgrade run inside a single ``BEGIN IMMEDIATE``
transaction, so a crash half-way leaves the old version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .errors import NotAStoreError, SchemaTooNewError
from .nicknames import MAX_NICKNAME, nickname_key

APPLICATION_ID = 0x53414E47  # "SANG"
CURRENT_VERSION = 4


def schema_script(version: int) -> str:
    """The full CREATE script of one schema version. Read beside this module, as the game reads all
    its data (resources.py): importlib.resources' readers (with zipfile) cost every start several
    milliseconds before the progress store is open."""
    return (Path(__file__).with_name("schema") / f"v{version}.sql").read_text(encoding="utf-8")


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (``executescript`` would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement at the end of the script: {buf.strip()[:80]!r}")
    return out


def run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in split_statements(script):
        conn.execute(statement)


MIGRATE_1_TO_2 = """
CREATE TABLE settings (
    profile_id  TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE level_endings (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    level_id    TEXT NOT NULL,
    ending      TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    PRIMARY KEY (profile_id, level_id, ending)
) WITHOUT ROWID;
CREATE TABLE badges (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    badge_id    TEXT NOT NULL,
    awarded_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, badge_id)
) WITHOUT ROWID;
"""


def migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Unicode case-insensitive nicknames, attempt sessions, the teacher PIN table.

    Version 2 compared nicknames with SQLite's NOCASE, which only folds ASCII letters, so two
    profiles may be "Émile" and "émile". The older profile keeps its nickname; a later one gets a
    number added ("émile 2") so that every child still finds a distinct name on the profile screen.
    """
    conn.execute("DROP INDEX IF EXISTS profiles_nickname_nocase")
    conn.execute("ALTER TABLE profiles ADD COLUMN nickname_key TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, nickname FROM profiles ORDER BY created_at, rowid").fetchall()
    used: set[str] = set()
    for pid, nickname in rows:
        new = nickname
        key = nickname_key(new)
        n = 2
        while key in used:
            suffix = f" {n}"
            new = nickname[: max(1, MAX_NICKNAME - len(suffix))].rstrip() + suffix
            key = nickname_key(new)
            n += 1
        used.add(key)
        conn.execute("UPDATE profiles SET nickname = ?, nickname_key = ? WHERE id = ?", (new, key, pid))
    conn.execute("CREATE UNIQUE INDEX profiles_nickname_key ON profiles (nickname_key)")
    conn.execute("ALTER TABLE attempts ADD COLUMN session_id TEXT")
    conn.execute("""CREATE TABLE teacher (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    pin_hash    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
)""")


# Version 4: the seed that ordered an attempt's options (sango_game.core.shuffle), so a report can
# rebuild what the child saw. NULL for older answers (they were shown in the written order).
MIGRATE_3_TO_4 = """
ALTER TABLE attempts ADD COLUMN shuffle_seed INTEGER;
"""


Step = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Step] = {
    1: MIGRATE_1_TO_2,
    2: migrate_2_to_3,
    3: MIGRATE_3_TO_4,
}
assert sorted(MIGRATIONS) == list(range(1, CURRENT_VERSION)), "one migration step per old version"


def read_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """(user_version, application_id) of an open database."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return version, app_id


def check_known(conn: sqlite3.Connection, where: str) -> int:
    """The schema version, after checking the file is a Sango store this code can read."""
    version, app_id = read_version(conn)
    if app_id not in (0, APPLICATION_ID):
        raise NotAStoreError(f"{where} is an SQLite database of another program (application id {app_id}); "
                             "Sango leaves it untouched. Choose another data folder.")
    if version > CURRENT_VERSION:
        raise SchemaTooNewError(f"{where} was saved by a newer version of Sango (progress format {version}; this "
                                f"version knows up to {CURRENT_VERSION}). Update Sango; the file was not changed.",
                                version=version, known=CURRENT_VERSION)
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        if tables:
            raise NotAStoreError(f"{where} is an SQLite database that is not a Sango progress store; "
                                 "Sango leaves it untouched. Choose another data folder.")
    return version


def upgrade(conn: sqlite3.Connection, where: str) -> tuple[int, int]:
    """Create or migrate the schema to CURRENT_VERSION in one transaction. Returns (old, new) version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    version = check_known(conn, where)
    if version == CURRENT_VERSION:
        return version, version
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = check_known(conn, where)  # another process may have upgraded meanwhile
        old = version
        if version == 0:
            run_script(conn, schema_script(CURRENT_VERSION))
        else:
            while version < CURRENT_VERSION:
                step = MIGRATIONS[version]
                if isinstance(step, str):
                    run_script(conn, step)
                else:
                    step(conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        got = conn.execute("PRAGMA user_version").fetchone()[0]
        if got != CURRENT_VERSION:
            raise RuntimeError(f"schema script left user_version {got}, expected {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return old, CURRENT_VERSION


_SCHEMAS: dict[int, dict[str, frozenset[str]]] = {}


def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """Table -> column names of one schema version, as its CREATE script makes them."""
    if version not in _SCHEMAS:
        mem = sqlite3.connect(":memory:")
        try:
            run_script(mem, schema_script(version))
            _SCHEMAS[version] = _tables(mem)
        finally:
            mem.close()
    return _SCHEMAS[version]


def _tables(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")]
    # Table names come from sqlite_master itself, quoted: no outside text reaches this statement.
    return {n: frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{n.replace(chr(34), chr(34) * 2)}")'))
            for n in names}


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """None if every table and column of the file's schema version is there, else what is missing.

    A file can carry Sango's mark and version and still lack tables (a tool or a half-copied file);
    it would open and then fail on every save, so it must count as damaged.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= CURRENT_VERSION:
        return None
    have = _tables(conn)
    missing = []
    for table, columns in sorted(expected_schema(version).items()):
        if table not in have:
            missing.append(f"table {table}")
        else:
            missing.extend(f"column {table}.{c}" for c in sorted(columns - have[table]))
    return f"missing {', '.join(missing[:5])}" if missing else None
