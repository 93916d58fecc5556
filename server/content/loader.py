"""Load the content folder: every YAML file, checked field by field and across files.

`load_content` either returns the whole validated `Content` or raises `ContentError` with
every problem it found, each naming the file, the line, the field and what is wrong.
"""

import hashlib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from server.content import rules
from server.content.model import (
    ConcernPage,
    Content,
    GlossaryTerm,
    Helpline,
    Municipality,
    MunicipalityFile,
    Route,
    Section,
    Situation,
    Step,
    Synonym,
    Topic,
    Translation,
    TranslationFile,
    WordGroup,
)
from server.content.problems import ContentError, Problem
from server.content.validate import Checker
from server.content.yaml_source import Lines, read_yaml

BUNDLED_CONTENT = Path(__file__).resolve().parents[2] / "content"
T = TypeVar("T", bound=msgspec.Struct)


def content_files(root: Path) -> list[Path]:
    """Every YAML file that makes up the content, in a stable order."""
    return sorted(path for path in root.rglob("*.yaml") if path.is_file())


def content_hash(root: Path) -> str:
    """A hash of every content file's name and bytes: any edit gives a new hash."""
    digest = hashlib.sha256()
    for path in content_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.lines: dict[str, Lines] = {}

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, path: Path) -> Any:
        name = self.name(path)
        try:
            data, lines = read_yaml(path, name)
        except ContentError as error:
            self.problems.extend(error.problems)
            return None
        self.lines[name] = lines
        return data

    def one(self, path: Path, cls: type[T]) -> T | None:
        data = self.read(path)
        if data is None and self.name(path) not in self.lines:
            return None
        checker = Checker(self.name(path), self.lines[self.name(path)])
        checker.struct(data, cls)
        self.problems.extend(checker.problems)
        return None if checker.problems else msgspec.convert(data, cls)

    def optional(self, path: Path, cls: type[T], default: T) -> T | None:
        """A file that may be left out (then `default`); None when it has problems."""
        return self.one(path, cls) if path.is_file() else default

    def many(self, path: Path, cls: type[T]) -> list[T]:
        name = self.name(path)
        if not path.is_file():
            self.problems.append(Problem(name, "", "filen mangler"))
            return []
        data = self.read(path)
        if name not in self.lines:
            return []
        checker = Checker(name, self.lines[name])
        if not isinstance(data, list):
            checker.add((), "skal være en liste")
            data = []
        for index, item in enumerate(data):
            checker.struct(item, cls, (index,))
        self.problems.extend(checker.problems)
        return [] if checker.problems else msgspec.convert(data, list[cls])  # type: ignore[valid-type]

    def translations(self, root: Path) -> list[Translation]:
        """`i18n/<lang>/<scope>.yaml`: every translation file, its language and scope from its place."""
        found = []
        for path in sorted(root.glob("*/*.yaml")) if root.is_dir() else []:
            translation = self.one(path, TranslationFile)
            if translation is None:
                continue
            if translation.language != path.parent.name:
                self.problems.append(
                    Problem(self.name(path), "language", f"må være lik mappenavnet «{path.parent.name}»")
                )
                continue
            found.append(Translation(**msgspec.structs.asdict(translation), scope=path.stem))
        return found

    def municipality(self, folder: Path) -> Municipality | None:
        head_path = folder / "municipality.yaml"
        if not head_path.is_file():
            self.problems.append(Problem(self.name(head_path), "", "filen mangler"))
            return None
        head = self.one(head_path, MunicipalityFile)
        steps = [self.one(path, Step) for path in _step_files(folder)]
        concern = self.optional(folder / "concern.yaml", ConcernPage, ConcernPage())
        if head is None or concern is None or any(step is None for step in steps):
            return None
        ordered = sorted((step for step in steps if step is not None), key=lambda step: step.number)
        return Municipality(**msgspec.structs.asdict(head), steps=ordered, concern=concern)


def _step_files(folder: Path) -> list[Path]:
    steps = folder / "steps"
    return sorted(steps.glob("*.yaml"), key=lambda path: (len(path.stem), path.stem)) if steps.is_dir() else []


def load_content(root: Path = BUNDLED_CONTENT) -> Content:
    """Load and validate all content under `root`, or raise ContentError with every problem."""
    return load_with_warnings(root)[0]


def load_with_warnings(root: Path = BUNDLED_CONTENT) -> tuple[Content, list[Problem]]:
    """The content, and the places where a text contradicts its data (warnings, not errors)."""
    if not root.is_dir():
        raise ContentError([Problem(str(root), "", "mappen finnes ikke")])
    loader = _Loader(root)
    topics = loader.many(root / "topics.yaml", Topic)
    glossary = loader.many(root / "glossary.yaml", GlossaryTerm)
    helplines = loader.many(root / "helplines.yaml", Helpline)
    synonyms = loader.many(root / "synonyms.yaml", Synonym)
    routes = loader.many(root / "routes.yaml", Route)
    situations = loader.many(root / "situations.yaml", Situation)
    situation_words = loader.many(root / "situation_words.yaml", WordGroup)
    concern = loader.optional(root / "concern.yaml", ConcernPage, ConcernPage())
    interpreter = loader.many(root / "interpreter.yaml", Section) if (root / "interpreter.yaml").is_file() else []
    translations = loader.translations(root / "i18n")
    folders = sorted(path for path in root.iterdir() if (path / "municipality.yaml").is_file())
    municipalities = [loader.municipality(folder) for folder in folders]
    if not folders:
        loader.problems.append(Problem(".", "", "fant ingen kommune (ingen mappe med municipality.yaml)"))
    if loader.problems:
        raise ContentError(loader.problems)
    content = Content(
        municipalities=[item for item in municipalities if item is not None],
        topics=topics,
        glossary=glossary,
        helplines=helplines,
        synonyms=synonyms,
        routes=routes,
        situations=situations,
        situation_words=situation_words,
        concern=concern or ConcernPage(),
        interpreter=interpreter,
        translations=translations,
    )
    folder_names = {
        item.slug: folder.name for folder, item in zip(folders, municipalities, strict=True) if item is not None
    }
    problems = rules.check(content, loader.lines, folder_names)
    if problems:
        raise ContentError(problems)
    return content, rules.warnings(content, loader.lines, folder_names)
