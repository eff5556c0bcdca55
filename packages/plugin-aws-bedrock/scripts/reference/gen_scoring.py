"""Writes src/scoring/__fixtures__/scoring.json: reference values for the deterministic scorers.

- BLEU: sacrebleu itself (pip's local index has it): sacrebleu.sentence_bleu(hyp, refs) and
  sacrebleu.corpus_bleu(hyps, ref_streams) with their defaults (13a tokenizer, case kept, exp
  smoothing; effective order on for sentence BLEU, off for corpus BLEU), and the 13a tokenizer's
  output (sacrebleu.tokenizers.tokenizer_13a.Tokenizer13a).
- Token F1 / exact match: SQuAD v1.1's official evaluate-v1.1.py (normalize_answer, f1_score,
  exact_match_score, metric_max_over_ground_truths), re-implemented below from its published source
  (it is not a pip package).
- ROUGE-L: Google's rouge-score (not in pip's local index), re-implemented below from its published
  source: tokenize.tokenize without a stemmer (lower-case, [^a-z0-9]+ -> space, split, keep
  ^[a-z0-9]+$ tokens), rouge_scorer._score_lcs (LCS table, precision = lcs / prediction tokens,
  recall = lcs / target tokens, scoring.fmeasure) and score_multi (argmax of fmeasure over targets,
  first on ties). Without stemming rouge-score needs no NLTK, so NLTK is not used.

Cases: hand-written edge cases (empty strings, punctuation only, unicode letters, emoji, CJK,
combining marks, Python-only whitespace such as U+001C and U+0085, U+FEFF, NBSP, HTML entities,
numbers with . , -, articles) plus sentences drawn from word pools by random.Random(15).

Run: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install sacrebleu nltk
     /tmp/venv/bin/python scripts/reference/gen_scoring.py
"""
import collections
import json
import os
import random
import re
import string

import sacrebleu
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "scoring", "__fixtures__", "scoring.json")


# --- SQuAD v1.1 evaluate-v1.1.py ---
def normalize_answer(s):
    def remove_articles(text):
        return re.sub(r"\b(a|an|the)\b", " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def f1_score(prediction, ground_truth):
    prediction_tokens = normalize_answer(prediction).split()
    ground_truth_tokens = normalize_answer(ground_truth).split()
    common = collections.Counter(prediction_tokens) & collections.Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    return (2 * precision * recall) / (precision + recall)


def exact_match_score(prediction, ground_truth):
    return normalize_answer(prediction) == normalize_answer(ground_truth)


def metric_max_over_ground_truths(metric_fn, prediction, ground_truths):
    return max(metric_fn(prediction, gt) for gt in ground_truths)


# --- rouge-score: tokenize.tokenize (no stemmer), rouge_scorer._score_lcs, score_multi ---
NON_ALPHANUM_RE = re.compile(r"[^a-z0-9]+")
SPACES_RE = re.compile(r"\s+")
VALID_TOKEN_RE = re.compile(r"^[a-z0-9]+$")


def rouge_tokenize(text):
    text = text.lower()
    text = NON_ALPHANUM_RE.sub(" ", text)
    tokens = SPACES_RE.split(text)
    return [x for x in tokens if VALID_TOKEN_RE.match(x)]


def lcs_table(ref, can):
    rows, cols = len(ref), len(can)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            if ref[i - 1] == can[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table


def fmeasure(precision, recall):
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def score_lcs(target_tokens, prediction_tokens):
    if not target_tokens or not prediction_tokens:
        return (0.0, 0.0, 0.0)
    lcs = lcs_table(target_tokens, prediction_tokens)[-1][-1]
    precision = lcs / len(prediction_tokens)
    recall = lcs / len(target_tokens)
    return (precision, recall, fmeasure(precision, recall))


def rouge_l_multi(targets, prediction):
    scores = [score_lcs(rouge_tokenize(t), rouge_tokenize(prediction)) for t in targets]
    best = max(range(len(scores)), key=lambda i: (scores[i][2], -i))  # argmax: first on ties
    return scores[best]


EDGE = [
    ("", [""]),
    ("", ["The cat sat on the mat."]),
    ("The cat sat on the mat.", [""]),
    ("...", ["!!!"]),
    ("The cat sat on the mat.", ["The cat sat on the mat."]),
    ("the cat sat on a mat", ["The cat sat on the mat."]),
    ("A cat.", ["the cat", "an apple"]),
    ("Refunds take 5-10 business days.", ["Refunds take 5 - 10 business days ."]),
    ("It costs $1,000.50, or 3.14 per unit.", ["The cost is $1,000.50 (3.14 per unit)."]),
    ("Tom &amp; Jerry &lt;3 &quot;cartoons&quot;", ['Tom & Jerry <3 "cartoons"']),
    ("Résumé naïve café — déjà vu", ["resume naive cafe deja vu", "Résumé naïve café"]),
    ("Straße İstanbul ǅ", ["strasse istanbul dž"]),
    ("東京は日本の首都です。", ["日本の首都は東京です。"]),
    ("Great job 👍🏽 thanks!", ["great job thanks 👍🏽"]),
    ("e\u0301cole the\u0301 the", ["école the"]),
    ("field\x1cseparated\x85next\u00a0nbsp", ["field separated next nbsp"]),
    ("zero\ufeffwidth the end", ["zero width end"]),
    ("under_score the_end an_apple", ["under score the end"]),
    ("<skipped> line one-\ntwo\nthree", ["line onetwo three"]),
    ("Answer: 42", ["42"]),
    ("I'm sorry, but I can't help with that request.", ["Sure: reset it from the login page."]),
    ("the the the the", ["the cat the cat"]),
    ("cat cat cat cat cat cat cat", ["the cat is on the mat"]),
    ("Paris", ["Paris", "paris, france", "The capital is Paris."]),
    ("a", ["a"]),
    ("x y z", ["x y z w v u t s r q"]),
    ("  leading and trailing spaces  ", ["leading and trailing spaces"]),
    ("tab\tseparated\nlines\r\nhere", ["tab separated lines here"]),
    ("ÀÉÎÕÜ Ωμέγα", ["àéîõü ωμέγα"]),
    ("well-known e-mail (beta) [draft] {x}", ["well - known e - mail ( beta ) [ draft ] { x }"]),
]

WORDS = (
    "the a an refund order account password login reset delivery package late two three days "
    "business support team please contact email within hours your you can our is are will be "
    "from to of for on in at with by not no yes 5 10 24 3.5 1,000 $20 e-mail sign-in "
    "café naïve 東京 👍 Ωμέγα"
).split()
PUNCT = [".", ",", "!", "?", ";", ":", "-", "'", '"', "(", ")", "/", "&", "%"]


def sentence(rng, lo, hi):
    out = []
    for _ in range(rng.randint(lo, hi)):
        word = rng.choice(WORDS)
        if rng.random() < 0.15:
            word = word.capitalize()
        if rng.random() < 0.12:
            word += rng.choice(PUNCT)
        out.append(word)
    return " ".join(out)


def perturb(rng, text):
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.3:
            out.append(rng.choice(WORDS))
            continue
        out.append(w)
        if rng.random() < 0.08:
            out.append(rng.choice(WORDS))
    return " ".join(out)


def main():
    rng = random.Random(15)
    cases = [(h, refs) for h, refs in EDGE]
    for _ in range(120):
        ref = sentence(rng, 0 if rng.random() < 0.05 else 3, 25)
        refs = [ref] + [perturb(rng, ref) for _ in range(rng.choice([0, 0, 1, 2]))]
        hyp = perturb(rng, ref) if rng.random() < 0.8 else sentence(rng, 0, 20)
        cases.append((hyp, refs))

    tok = Tokenizer13a()
    out_cases = []
    for hyp, refs in cases:
        rouge = rouge_l_multi(refs, hyp)
        out_cases.append(
            {
                "hypothesis": hyp,
                "references": refs,
                "tokens13a": tok(hyp.rstrip()),
                "squadNormalized": normalize_answer(hyp),
                "rougeTokens": rouge_tokenize(hyp),
                "exactMatch": int(metric_max_over_ground_truths(exact_match_score, hyp, refs)),
                "tokenF1": float(metric_max_over_ground_truths(f1_score, hyp, refs)),
                "rougeL": {"precision": rouge[0], "recall": rouge[1], "fmeasure": rouge[2]},
                "sentenceBleu": sacrebleu.sentence_bleu(hyp, refs).score,
            }
        )

    corpora = []
    for start in range(0, len(cases), 15):
        chunk = cases[start : start + 15]
        width = max(len(refs) for _, refs in chunk)
        # sacrebleu takes reference streams; segments with fewer references are padded with None.
        streams = [[refs[k] if k < len(refs) else None for _, refs in chunk] for k in range(width)]
        corpora.append(
            {
                "start": start,
                "count": len(chunk),
                "corpusBleu": sacrebleu.corpus_bleu([h for h, _ in chunk], streams).score,
            }
        )

    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(
            {"generator": "scripts/reference/gen_scoring.py", "sacrebleu": sacrebleu.__version__, "cases": out_cases, "corpora": corpora},
            f,
            ensure_ascii=False,
            indent=1,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
