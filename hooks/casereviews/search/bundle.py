"""Pagefind's index (Pagefind 1.5), read and written: the indexes of batches of pages merged into one.

A Pagefind bundle holds pagefind-entry.json, which names the metadata file
(pagefind.<name>.pf_meta: the pages, the chunks of the word index, the filters, the sorts and
the metadata fields); index/ (the words, in alphabetical chunks of about `CHUNK_SIZE`
positions), filter/ (one file a filter), fragment/ (one file a page: its address, text and
metadata) and Pagefind's scripts. Data files are gzip of `SIGNATURE` followed by CBOR
(fragments: JSON). Pages are numbered; the word index and the filters list pages by number.

`merge` writes one bundle from the bundles of batches, as Pagefind would have written it from
one run over the batches' pages in turn: the pages of the first batch, then the second's;
each page's fragment as Pagefind wrote it; each word's pages from every batch, chunked as
Pagefind chunks them. Pagefind 1.5 writes filter values in hash-map order, which changes on
every run (Pagefind issue #638); here they are sorted, and the files named by a hash of their
content, so two builds write the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import io
import json
import math
import re
import shutil
import struct
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby, pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import cbor2

from ..problems import Problem
from .version import version_problem

LANGUAGE = "en"
#: The folder of the site that holds the index.
BUNDLE = "pagefind"
#: Pagefind's compressed files: gzip of this signature followed by CBOR (or JSON).
SIGNATURE = b"pagefind_dcd"
#: Positions of words in one chunk of the word index: Pagefind's default (its `index_chunk_size`).
CHUNK_SIZE = 20_000
#: gzip's level for the word index: at 8, its chunks are as small as Pagefind's own (13.61 MB
#: against 13.63 at 5,000 reviews, none more than 176 bytes larger), in two thirds of level 9's time.
CHUNK_LEVEL = 8
ENTRY = "pagefind-entry.json"
#: A sort value Pagefind reads as a number (an i32 or an f32); it sorts by number only if all are.
NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(nan|NaN|inf|Inf|infinity|Infinity)")

#: A page's entry under a word: [its page number (as the difference from the entry before),
#: the word's positions in its text, the word's positions in its metadata].
Posting = list[Any]


def read(path: Path) -> Any:
    """The data of a Pagefind file."""
    return cbor2.loads(_unpack(path.read_bytes()))


def _unpack(file: bytes) -> bytes:
    data = gzip.decompress(file)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file")
    return data[len(SIGNATURE) :]


def write(folder: Path, prefix: str, suffix: str, value: object, digits: int) -> str:
    """Write a Pagefind data file of `value` named by a hash of its content (a longer one if
    another file has that name); its name."""
    return write_data(folder, prefix, suffix, cbor2.dumps(value), digits)


def write_data(folder: Path, prefix: str, suffix: str, cbor: bytes, digits: int, level: int = 9) -> str:
    """`write`, of data already in CBOR, compressed at `level`."""
    data = gzip.compress(SIGNATURE + cbor, compresslevel=level, mtime=0)
    digest = hashlib.sha256(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        name = f"{LANGUAGE}_{digest[:digits]}"
        path = folder / f"{prefix}{name}{suffix}"
        if not path.exists() or path.read_bytes() == data:
            path.write_bytes(data)
            return name
        digits += 1


@dataclass(frozen=True)
class Fragment:
    """A page's fragment file, as Pagefind wrote it."""

    #: Its file's bytes.
    data: bytes
    url: str
    word_count: int
    #: Pagefind's name for it in full: the language, then the SHA-1 of its JSON in unpadded hex.
    full_name: str


@dataclass
class Part:
    """The bundle Pagefind wrote for one batch of pages."""

    folder: Path
    entry: dict[str, Any]
    version: str
    #: Its pages, by number.
    pages: list[Fragment]
    chunks: list[Any]
    filters: list[Any]
    sorts: list[Any]
    fields: list[str]
    #: Its first page's number in the merged bundle, and its metadata fields' numbers there.
    offset: int = 0
    field_numbers: tuple[int, ...] = ()

    @classmethod
    def open(cls, folder: Path) -> Part:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
        meta: list[Any] = read(folder / f"pagefind.{entry['languages'][LANGUAGE]['hash']}.pf_meta")
        version, pages, chunks, filters, sorts, fields = meta  # the layout of Pagefind 1.5
        fragments = []
        for name, word_count in pages:
            file = (folder / "fragment" / f"{name}.pf_fragment").read_bytes()
            data = _unpack(file)
            digest = hashlib.sha1(data, usedforsecurity=False).digest()
            full_name = f"{LANGUAGE}_" + "".join(f"{byte:x}" for byte in digest)
            fragments.append(Fragment(file, json.loads(data)["url"], word_count, full_name))
        return cls(folder, entry, version, fragments, chunks, filters, sorts, fields)

    @property
    def urls(self) -> list[str]:
        return [page.url for page in self.pages]

    def words(self) -> Iterator[Word]:
        """Its words in alphabetical order, a chunk read at a time."""
        for _, _, name in self.chunks:
            data = _unpack((self.folder / "index" / f"{name}.pf_index").read_bytes())
            stream = io.BytesIO(data)
            decoder = cbor2.CBORDecoder(stream)
            _, _, at = _head(data, 0)  # the chunk: [words]
            _, count, at = _head(data, at)
            for _ in range(count):
                _, _, at = _head(data, at)  # a word: [word, postings, variants]
                _, length, at = _head(data, at)
                word = data[at : at + length].decode()
                stream.seek(at + length)
                postings = decoder.decode()
                end = stream.tell()
                variants = decoder.decode()
                _, _, start = _head(data, at + length)
                yield Word(word, self, postings, data[start:end], variants)
                at = stream.tell()

    def postings(self, word: Word, last: int) -> tuple[bytes, int, int]:
        """The CBOR of `word`'s postings in the merged bundle, after a page numbered `last`
        (0 if none): the postings, the number of its last page, and its size (the positions
        Pagefind chunks by)."""
        postings = word.postings
        page = self.offset + sum(map(itemgetter(0), postings))
        size = sum(map(len, map(itemgetter(1), postings))) + sum(map(len, map(itemgetter(2), postings)))
        # Only the first page's number changes (it is the difference from the page before),
        # in CBOR after the head of the first posting; the rest is copied as it is.
        first = _head_bytes(0, postings[0][0])
        if self.field_numbers == tuple(range(len(self.fields))) and word.data[1 : 1 + len(first)] == first:
            data = b"\x83" + _head_bytes(0, self.offset + postings[0][0] - last) + word.data[1 + len(first) :]
        else:
            data = b"".join(cbor2.dumps(posting) for posting in self.renumbered(postings, last))
        return data, page, size + len(postings)

    def renumbered(self, postings: list[Posting], last: int) -> list[Posting]:
        """`postings` as in the merged bundle, after a page numbered `last`."""
        first_difference, positions, meta_positions = postings[0]
        result = [[self.offset + first_difference - last, positions, meta_positions], *postings[1:]]
        if self.field_numbers != tuple(range(len(self.fields))):
            # In metadata positions, a negative number switches field: -1 is field 0.
            result = [
                [difference, positions, [n if n >= 0 else -self.field_numbers[-n - 1] - 1 for n in meta_positions]]
                for difference, positions, meta_positions in result
            ]
        return result


@dataclass(frozen=True)
class Word:
    """A word in a part's index."""

    word: str
    part: Part
    #: Its postings, decoded, and their CBOR as Pagefind wrote it (without the list's head).
    postings: list[Posting]
    data: bytes
    #: [form, postings] for each form of it with accents.
    variants: list[Any]


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """The CBOR head at `at` in `data`: major type, argument, and where what follows starts."""
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    length = 1 << (info - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + length], "big"), at + 1 + length


def _head_bytes(major: int, argument: int) -> bytes:
    """A CBOR head (as short as it can be, as Pagefind's and cbor2's are)."""
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, length in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * length):
            return bytes([major << 5 | info]) + argument.to_bytes(length, "big")
    raise ValueError(f"{argument} is too large for CBOR")


def merge(folders: list[Path], bundle: Path, sorts: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Write into `bundle` one index of the pages indexed into `folders`, in that order; problems found.

    `sorts` are the sort values of every page (address → key → value): a batch's order says
    nothing of how its pages compare with another's.
    """
    parts = [Part.open(folder) for folder in folders]
    for part in parts:  # a batch's index kept from an earlier Pagefind, or written by another
        problem = version_problem(part.version, f"named by the index of a batch ({part.folder.name})")
        if problem is not None:
            return [problem]
    urls = [url for part in parts for url in part.urls]
    if len(set(urls)) != len(urls):
        return [_problem("a page was indexed in two batches")]
    problems = _check_sorts(parts, sorts)
    if problems:
        return problems
    fields = sorted({name for part in parts for name in part.fields})
    offset = 0
    for part in parts:
        part.offset = offset
        part.field_numbers = tuple(fields.index(name) for name in part.fields)
        offset += len(part.pages)

    bundle.mkdir(parents=True, exist_ok=True)
    pages = write_fragments(parts, bundle / "fragment")
    chunks = _write_words(parts, bundle / "index")
    filters = _write_filters(parts, bundle / "filter")
    keys = sorted({key for part in parts for key, _ in part.sorts})
    sort_lists = [[key, _sorted_pages(urls, sorts, key)] for key in keys]
    first = parts[0]
    for path in first.folder.iterdir():  # Pagefind's scripts and styles, the same in every part
        if path.is_file() and path.name != ENTRY and path.suffix != ".pf_meta":
            shutil.copyfile(path, bundle / path.name)
    meta = [first.version, pages, chunks, filters, sort_lists, fields]
    language = first.entry["languages"][LANGUAGE]
    language["hash"] = write(bundle, "pagefind.", ".pf_meta", meta, 10)
    language["page_count"] = len(urls)
    text = json.dumps(first.entry, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY).write_text(text, encoding="utf-8")
    return []


def _problem(message: str) -> Problem:
    return Problem("pagefind", None, "search index", message)


def write_fragments(parts: list[Part], folder: Path) -> list[list[Any]]:
    """Copy each page's fragment, named as Pagefind names it; the pages of the metadata file."""
    folder.mkdir(parents=True, exist_ok=True)
    full_names: dict[str, str] = {}
    pages = []
    for page in (page for part in parts for page in part.pages):
        # Its full name cut to 7 characters of hash, or as many more as tell it from the names given.
        length = len(LANGUAGE) + 8
        while full_names.get(page.full_name[:length], page.full_name) != page.full_name:
            length += 1
        name = page.full_name[:length]
        full_names[name] = page.full_name
        (folder / f"{name}.pf_fragment").write_bytes(page.data)
        pages.append([name, page.word_count])
    return pages


def _write_words(parts: list[Part], folder: Path) -> list[list[str]]:
    """Write the merged word index in chunks, as Pagefind chunks it; the chunks of the metadata file.

    Each chunk is compressed and written by a thread of its own, one after another in order,
    while the next is merged (zlib works without the interpreter's lock)."""
    with ThreadPoolExecutor(max_workers=1) as writer:
        chunks = _merged_chunks(parts, lambda words: writer.submit(_write_chunk, folder, words))
        named = [[first, last, future.result()] for first, last, future in chunks]
    # Each chunk is named by the shortest start and end that tell it from its neighbours.
    for before, after in pairwise(named):
        end, start = _prefixes(before[1], after[0])
        if end >= before[0]:
            before[1] = end
        after[0] = start
    return named


def _merged_chunks(
    parts: list[Part], write: Callable[[list[bytes]], Future[str]]
) -> list[tuple[str, str, Future[str]]]:
    """The merged word index in chunks (first word, last word, its name once `write` wrote it)."""
    chunks: list[tuple[str, str, Future[str]]] = []
    words: list[bytes] = []
    first_word = last_word = ""
    size = 0
    for word, entries in groupby(
        heapq.merge(*(part.words() for part in parts), key=attrgetter("word")), attrgetter("word")
    ):
        postings: list[bytes] = []
        count = last = 0
        # A word's variants (its forms with accents) in the order Pagefind meets them.
        variants: dict[str, tuple[list[Posting], int]] = {}
        for entry in entries:
            if entry.postings:
                data, last, positions = entry.part.postings(entry, last)
                postings.append(data)
                count += len(entry.postings)
                size += positions
            for form, form_postings in entry.variants:
                merged, form_last = variants.get(form, ([], 0))
                merged += entry.part.renumbered(form_postings, form_last)
                variants[form] = (merged, entry.part.offset + sum(map(itemgetter(0), form_postings)))
        word_data = cbor2.dumps(word)
        variant_data = cbor2.dumps([[form, merged] for form, (merged, _) in variants.items()])
        words.append(b"\x83" + word_data + _head_bytes(4, count) + b"".join(postings) + variant_data)
        first_word = first_word if len(words) > 1 else word
        last_word = word
        if size >= CHUNK_SIZE:
            chunks.append((first_word, last_word, write(words)))
            words, size = [], 0
    if words:
        chunks.append((first_word, last_word, write(words)))
    return chunks


def _write_chunk(folder: Path, words: list[bytes]) -> str:
    """Write a chunk of the word index ([words], each word's CBOR in `words`); its name."""
    data = b"\x81" + _head_bytes(4, len(words)) + b"".join(words)
    return write_data(folder, "", ".pf_index", data, 7, level=CHUNK_LEVEL)


def _prefixes(last: str, first: str) -> tuple[str, str]:
    common = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        common += 1
    return last[: common + 1], first[: common + 1]


def _write_filters(parts: list[Part], folder: Path) -> list[list[str]]:
    """Write each filter, its values sorted; the filters of the metadata file."""
    filters: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for _, name in part.filters:
            filter_name, values = read(part.folder / "filter" / f"{name}.pf_filter")
            merged = filters.setdefault(filter_name, {})
            for value, numbers in values:
                merged.setdefault(value, []).extend(part.offset + n for n in numbers)
    return [
        [name, write(folder, "", ".pf_filter", [name, [[v, sorted(ns)] for v, ns in sorted(values.items())]], 7)]
        for name, values in sorted(filters.items())
    ]


def _check_sorts(parts: list[Part], sorts: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """A problem if a batch's order for a sort is not the order of the values read for it."""
    for part in parts:
        found = dict(part.sorts)
        keys = {key for url in part.urls for key in sorts.get(url, {})}
        for key in sorted(keys | set(found)):
            if found.get(key) != _sorted_pages(part.urls, sorts, key):
                return [_problem(f"Pagefind's order by '{key}' is not the order of the values read from the pages")]
    return []


def _sorted_pages(urls: list[str], sorts: Mapping[str, Mapping[str, str]], key: str) -> list[int]:
    """The numbers of the pages (`urls`, by number) with a value for `key`, in Pagefind's
    order: by value, as numbers if every value is a number, else as text; ties by number."""
    values = [(sorts[url][key], number) for number, url in enumerate(urls) if key in sorts.get(url, {})]
    if all(NUMBER.fullmatch(value) for value, _ in values):
        return [number for _, number in sorted(values, key=lambda pair: _number(pair[0]))]
    return [number for _, number in sorted(values, key=lambda pair: pair[0].encode())]


def _number(value: str) -> tuple[int, float]:
    """A sort value as Pagefind compares numbers (as an f32), NaN after everything."""
    number = float(value)
    if math.isnan(number):
        return (1, 0.0)
    try:
        single: float = struct.unpack("f", struct.pack("f", number))[0]
    except OverflowError:  # beyond an f32: infinite
        single = math.copysign(math.inf, number)
    return (0, single)
