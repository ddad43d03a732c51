"""Seeded mutation fuzzing of `pulse import`: bad input must never crash it or lose rows.

Each case copies a small generated data folder, damages one to three files (flipped bytes, stray
quotes, line breaks, NULs, separators and byte-order marks, cut or repeated spans, truncation, very
long values, and the worst inputs of the patterns that read comments, up to 20 MB) and imports it twice. A case fails when the import prints a stack trace or exits other
than 0 (imported, bad rows quarantined) or 2 (a user error), when a file's rows read differ from
loaded + quarantined, or when the second import of the same folder changes the stored counts.

Usage: fuzz.py PULSE BASE_FOLDER WORK_FOLDER SEED CASES
"""
import json
import os
import random
import shutil
import subprocess
import sys

INSERTS = [b'"', b'\n', b',', b'\r\n', b'\x00', b'""', b'\xff\xfe', b'\xef\xbb\xbf', b' ', b';', b'\t', b'\xc3']

# The worst inputs of the patterns that read user text (issue 12): each made a regular expression of
# Pulse's backtrack for minutes to hours, or overflowed the stack, before the scanners replaced them.
WORST = [b'a', b'a@', b'a@b.', b'1 ', b'1      ', b'a-', b"a'", b'(', b'9/10 ', b'no ', b'\xf0\x9f\x98\x80']


def worst_case(rng: random.Random) -> bytes:
    """A long run of one worst input: 100 KB to 1 MB, and now and then 20 MB (a field far over the length limits)."""
    size = 20_000_000 if rng.random() < 0.1 else rng.randint(100_000, 1_000_000)
    unit = rng.choice(WORST)
    return unit * (size // len(unit))


def damage(data: bytearray, rng: random.Random) -> bytearray:
    for _ in range(rng.randint(1, 20)):
        op = rng.random()
        i = rng.randrange(max(1, len(data)))
        if op < 0.3 and data:
            data[i] = rng.randrange(256)
        elif op < 0.5:
            data[i:i] = rng.choice(INSERTS)
        elif op < 0.6:
            del data[i:i + rng.randint(1, 200)]
        elif op < 0.65:
            data = data[:i]
        elif op < 0.7:
            data[i:i] = b'x' * rng.randint(1000, 100000)
        elif op < 0.73:
            data[i:i] = worst_case(rng)
        else:
            j = rng.randrange(max(1, len(data)))
            data[i:i] = data[j:j + rng.randint(1, 300)]
    return data


class Hang:
    """What run returns for a command that did not finish in time: a failure of its own."""
    returncode = 'timeout'
    stdout = ''
    stderr = 'did not finish within 600 s'


def run(pulse, *args):
    try:
        return subprocess.run([pulse, *args], capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return Hang()


def crashed(result):
    """A stack trace, or an exit other than 0 (imported, bad rows quarantined) and 2 (a user error, said in one line)."""
    return 'Exception' in result.stderr or '\tat ' in result.stderr or result.returncode not in (0, 2)


def stored_counts(pulse, db):
    """Rows per source as the metrics see them (grain none: the data's whole span)."""
    r = run(pulse, 'metrics', '--db', db, '--metric', 'tickets,offered,nps,csat,ces,qa_score,utilization', '--format', 'json')
    return r.returncode, r.stdout


def check_case(pulse, folder, db):
    problems = []
    first = run(pulse, 'import', folder, '--db', db, '--json')
    if crashed(first):
        problems.append(f'first import: exit {first.returncode}: {first.stderr[:600]}')
    try:
        report = json.loads(first.stdout)
    except ValueError:
        if first.returncode != 2:
            problems.append('exit 0 without a JSON report: ' + first.stdout[:300])
        return problems
    for f in report.get('files', []):
        if f.get('read') is not None and f['read'] != f['loaded'] + f['quarantined']:
            problems.append(f'{f["file"]}: read {f["read"]} != loaded {f["loaded"]} + quarantined {f["quarantined"]}')
    before = stored_counts(pulse, db)
    second = run(pulse, 'import', folder, '--db', db, '--json')
    if crashed(second):
        problems.append(f'second import: exit {second.returncode}: {second.stderr[:600]}')
    if stored_counts(pulse, db) != before:
        problems.append('the second import of the same folder changed the stored rows')
    return problems


def main():
    pulse, base, work, seed, cases = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    failed = 0
    for case in range(cases):
        folder = os.path.join(work, f'case{case}')
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(base, folder)
        files = sorted(f for f in os.listdir(folder) if f.endswith('.csv'))
        damaged = rng.sample(files, rng.randint(1, 3))
        for name in damaged:
            path = os.path.join(folder, name)
            with open(path, 'rb') as handle:
                data = bytearray(handle.read())
            with open(path, 'wb') as handle:
                handle.write(bytes(damage(data, rng)))
        db = os.path.join(work, f'case{case}.duckdb')
        problems = check_case(pulse, folder, db)
        if problems:
            failed += 1
            print(f'import-fuzz: seed {seed} case {case} ({", ".join(damaged)}), kept in {folder}:')
            for problem in problems:
                print('  ' + problem)
        else:
            shutil.rmtree(folder)
            for leftover in (db, db + '.wal', os.path.join(work, f'case{case}.quarantine.csv')):
                if os.path.exists(leftover):
                    os.remove(leftover)
    print(f'import-fuzz: seed {seed}: {cases} damaged folders, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
