"""The docs run: every code block and CLI transcript in README.md and docs/*.md, with its
shown output compared.

Each page runs in its own sandbox directory, in order, which holds sample payloads
(job.json, invalid as the README shows it; other.json, listing.msgpack,
payloads/JobSnap/a.json and copy.TCBckMsg.json, from the Go fixtures) and gets the files the
page shows:

- a ```yaml block whose first line is `# file: PATH` is written to PATH; another ```yaml
  block must load: a whole schema file (`enums:`/`messages:`) alone, a field excerpt (indented
  as under `fields:`) inside this repository's schema, a pre-commit config through
  pre-commit (with hooks this repository offers);
- ```python blocks run in one namespace per page;
- ```pycon blocks are doctests in that namespace (`...` matches anything);
- an indented block of `$ command` lines is a transcript: each command runs in bash, and
  what it prints (stdout, then stderr) must be the lines shown under it, up to the next `$`
  (`$ echo $?` shows the exit code). A command shown with no output must run and exit 0 or
  1: it is a synopsis of a real command, not a usage error (`[--opt]` runs with and
  without the option).

A block the sandbox cannot run (it needs a cluster, or a moment in the project's history)
has `<!-- docs: not run: REASON -->` on the line before it; the reasons are listed below.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NOT_RUN = re.compile(r"<!-- docs: not run: (.+?) -->")
# The README's job.json is the payload its examples show failing.
BAD_JOB = b'{"id": 7, "bck": {"name": "b", "color": "red"}}'
SAMPLES = {
    "other.json": FIXTURES / "JobSnap" / "zero.json",
    "listing.msgpack": FIXTURES / "BucketList" / "full.msgpack",
    "payloads/JobSnap/a.json": FIXTURES / "JobSnap" / "unicode.json",
    "copy.TCBckMsg.json": FIXTURES / "TCBckMsg" / "full.json",
}


@dataclass
class Block:
    kind: str  # python, pycon, file, transcript
    text: str
    line: int
    skip: str = ""  # why the sandbox does not run it
    path: str = ""  # a file block's path


def blocks(page: Path) -> list[Block]:
    """The page's runnable blocks, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        skip = ""
        before = lines[i - 1] if i else ""
        if (m := NOT_RUN.search(before)) is not None:
            skip = m.group(1)
        fence = re.match(r"^```(\w+)\s*$", line)
        if fence:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            body = lines[i + 1 : end]
            lang = fence.group(1)
            text = "\n".join(body) + "\n"
            if lang == "yaml" and body and body[0].startswith("# file: "):
                out.append(Block("file", "\n".join(body[1:]) + "\n", i + 1, skip, body[0][8:]))
            elif lang == "yaml":
                out.append(Block(_yaml_kind(body), text, i + 1, skip))
            else:
                out.append(Block(lang, text, i + 1, skip))
            i = end + 1
            continue
        if line.startswith("    $ ") and not before.startswith("    "):
            end = i
            while end < len(lines) and (lines[end].startswith("    ") or lines[end] == ""):
                end += 1
            while lines[end - 1] == "":
                end -= 1
            text = "\n".join(line[4:] for line in lines[i:end])
            out.append(Block("transcript", text, i + 1, skip))
            i = end
            continue
        i += 1
    return out


def _yaml_kind(body: list[str]) -> str:
    first = next((line for line in body if line.strip() and not line.startswith("#")), "")
    if first.startswith("repos:"):
        return "pre-commit"
    if first.startswith(("enums:", "messages:")):
        return "schema"
    return "fields" if first.startswith("      ") else "yaml"


def check_schema(block: Block, cwd: Path, where: str) -> None:
    from aistore_models_gen.loader import load

    target = cwd / f"schema-{block.line}"
    if block.kind == "fields":  # an excerpt: its fields in a message of the real schema
        shutil.copytree(ROOT / "schema", target)
        text = f"messages:\n  DocsExample{block.line}:\n    fields:\n{block.text}"
    else:
        target.mkdir()
        shutil.copyfile(ROOT / "schema" / "behaviour.py", target / "behaviour.py")
        text = block.text
    (target / "docs_example.yaml").write_text(text)
    load(target)  # SchemaErrors name the problem: the page shows a schema that does not load


def check_pre_commit(block: Block, cwd: Path, where: str) -> None:
    import yaml
    from pre_commit.clientlib import load_config

    config = cwd / f"pre-commit-{block.line}.yaml"
    config.write_text(block.text)
    load_config(str(config))
    offered = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for repo in yaml.safe_load(block.text)["repos"]:
        for hook in repo["hooks"]:
            assert hook["id"] in offered, f"{where}: no hook {hook['id']!r} is offered"


def sandbox(tmp: Path) -> Path:
    for name, source in SAMPLES.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, tmp / name)
    (tmp / "job.json").write_bytes(BAD_JOB)
    return tmp


def shell(command: str, cwd: Path) -> tuple[int, str]:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env["COLUMNS"] = "100"
    done = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    return done.returncode, done.stdout + done.stderr


def run_transcript(block: Block, cwd: Path, where: str) -> None:
    steps: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    synopsis = all(not shown for _, shown in steps)
    last = 0
    for command, shown in steps:
        if command.strip() == "echo $?":
            assert [str(last)] == shown, f"{where}: exit code {last}, the page shows {shown}"
            continue
        variants = [command]
        if "[" in command:  # a synopsis's optional part: with it and without
            variants = [
                re.sub(r"\[([^\]]*)\]", r"\1", command),
                re.sub(r"\s*\[[^\]]*\]", "", command),
            ]
        for variant in variants:
            last, output = shell(variant, cwd)
            if synopsis:
                assert last in (0, 1), f"{where}: `{variant}` exits {last}:\n{output}"
            else:
                assert output.rstrip("\n").splitlines() == shown, (
                    f"{where}: `{variant}` printed\n{output}\nthe page shows\n" + "\n".join(shown)
                )


def run_page(page: Path, tmp: Path) -> None:
    cwd = sandbox(tmp)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    old = Path.cwd()
    os.chdir(cwd)
    try:
        for block in blocks(page):
            where = f"{page.relative_to(ROOT)}:{block.line}"
            if block.skip:
                continue
            if block.kind == "file":
                (cwd / block.path).parent.mkdir(parents=True, exist_ok=True)
                (cwd / block.path).write_text(block.text)
            elif block.kind == "python":
                exec(compile(block.text, where, "exec"), namespace)  # noqa: S102 - the page's code
            elif block.kind in ("schema", "fields"):
                check_schema(block, cwd, where)
            elif block.kind == "pre-commit":
                check_pre_commit(block, cwd, where)
            elif block.kind == "pycon":
                test = doctest.DocTestParser().get_doctest(block.text, namespace, where, where, 0)
                flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
                runner = doctest.DocTestRunner(optionflags=flags)
                runner.run(test, clear_globs=False)
                assert runner.failures == 0, f"{where}: a doctest fails (printed above)"
            elif block.kind == "transcript":
                run_transcript(block, cwd, where)
            else:
                raise AssertionError(f"{where}: a ```{block.kind} block the docs runner cannot run")
    finally:
        os.chdir(old)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_page_runs(page, tmp_path):
    run_page(page, tmp_path)


def test_what_does_not_run_says_why():
    skipped = {
        f"{p.relative_to(ROOT)}:{b.line}": b.skip for p in PAGES for b in blocks(p) if b.skip
    }
    assert all(len(reason) > 10 for reason in skipped.values()), skipped
    assert sum(b.kind == "transcript" for p in PAGES for b in blocks(p) if not b.skip) >= 3
