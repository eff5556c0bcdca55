"""Writes src/text/__fixtures__/text_descriptors.json: Evidently 0.7's text descriptors (legacy
features TextLength, WordCount, SentenceCount, NonLetterCharacterPercentage, OOVWordsPercentage,
RegExp, Contains, BeginsWith) computed with their definitions in Python's re and str, on texts
that exercise the edge cases (abbreviations, question marks, digits, punctuation, non-ASCII
letters, tabs, empty text). OOV words are looked up, lower-cased, in the word list the TypeScript
side ships (npm word-list 4.1.0, plus "a" and "i") instead of NLTK's corpus after WordNet
lemmatising, which is not installable here. upper_share (% of letters that are upper case) is
Driftwatch's own.

Run: python3 scripts/reference/gen_text_descriptors.py (after pnpm install).
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "text", "__fixtures__", "text_descriptors.json")
WORDS = os.path.join(HERE, "..", "..", "node_modules", "word-list", "words.txt")
vocab = set(w for w in open(WORDS, encoding="utf8").read().split("\n") if w) | {"a", "i"}

SENT = re.compile(r"(?<!\w\.\w.)(?<![A-Z][a-z]\.)(?<=\.|\?)\s")

texts = [
    "Hello world. This is a test.",
    "Dr. Smith arrived, e.g. at noon. Did he? Yes!",
    "Mr. Brown paid $12.50 for 3 books... really? ok",
    "",
    "   ",
    "Zürich est très joli. Ça va?",
    "ALL CAPS SHOUTING! and quiet",
    "tab\tseparated\twords and 42 numbers",
    "qwzx flurbo the cats are running",
    "Order #A-1234 shipped.\nTrack it at https://x.io/t?id=9",
    "one.two.three? four",
    "I am a single sentence without end",
]


def words(t):
    return len(re.sub(r"[^a-zA-Z ]+", "", t).split())


def sentences(t):
    return max(1, len(SENT.split(t)))


def non_letter(t):
    return None if len(t) == 0 else 100 * sum(1 for ch in t if not ch.isalpha() and ch != " ") / len(t)


def oov(t):
    ws = re.sub("[^A-Za-z0-9 ]+", "", t).split()
    if not ws:
        return 0
    return 100 * sum(1 for w in ws if w.lower() not in vocab) / len(ws)


def upper_share(t):
    letters = [ch for ch in t if ch.isalpha()]
    return None if not letters else 100 * sum(1 for ch in letters if ch.isupper()) / len(letters)


rows = []
for t in texts:
    rows.append({
        "text": t,
        "length": len(t),
        "words": words(t),
        "sentences": sentences(t),
        "non_letter_share": non_letter(t),
        "oov_share": oov(t),
        "upper_share": upper_share(t),
        "regex:order": 1 if re.fullmatch(r"Order #.*", t, re.S) else 0,
        "contains:money": 1 if re.search(r"\$|paid", t) else 0,
        "begins_with:hello": 1 if t.startswith("Hello") else 0,
    })
with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/gen_text_descriptors.py", "options": {"regex": {"order": "Order #.*"}, "contains": {"money": ["$", "paid"]}, "beginsWith": {"hello": "Hello"}}, "rows": rows}, f, ensure_ascii=False, indent=0)
    f.write("\n")
print("wrote", OUT)
