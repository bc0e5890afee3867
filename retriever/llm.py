"""Optional generative answers: an LLM writes from the retrieved passages, and is checked.

Configured by URL, never on by default: ``REVIEWQA_LLM_URL`` (an OpenAI-compatible
``…/v1`` endpoint, or an Ollama server), ``REVIEWQA_LLM_MODEL``, optionally
``REVIEWQA_LLM_PROVIDER`` (``openai`` or ``ollama``; guessed from the URL) and
``REVIEWQA_LLM_API_KEY``. The prompt holds only the numbered passages and demands a
citation [n] after every sentence. Each sentence of the reply must cite a passage that
supports it (enough of its content words appear in that passage); other sentences are
dropped and the answer says how many. If the LLM fails, the extractive answer is
returned with a note.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewqa.corpus.text import words

from .lexical import STOPWORDS
from .types import Answer, Citation, Hit, Quote

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

SUPPORT_THRESHOLD = 0.6  # share of a sentence's content words found in its cited passages
PASSAGES_GIVEN = 6
TIMEOUT_S = 60

SYSTEM_PROMPT = (
    "You answer questions for child-safeguarding practitioners using ONLY the numbered "
    "passages from published case reviews given below. After every sentence put the number "
    "of the passage it comes from in square brackets, like [2]. Do not add facts that are "
    "not in the passages. If the passages do not answer the question, say so. Never "
    "speculate about the identity or whereabouts of any child, family member or practitioner."
)

_CITE = re.compile(r"\[(\d+)\]")
# A reply is split at sentence ends only: unlike a passage (reviewqa.corpus.text.sentences),
# it has no lists or fields, and a clause after "; " shares its sentence's citation.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


@dataclass(frozen=True)
class LLMConfig:
    url: str
    model: str
    provider: str = "openai"
    api_key: str | None = None

    @classmethod
    def from_env(cls) -> LLMConfig | None:
        url, model = os.environ.get("REVIEWQA_LLM_URL"), os.environ.get("REVIEWQA_LLM_MODEL")
        if not url or not model:
            return None
        provider = os.environ.get("REVIEWQA_LLM_PROVIDER") or (
            "ollama" if ":11434" in url or "ollama" in url else "openai")
        return cls(url=url, model=model, provider=provider,
                   api_key=os.environ.get("REVIEWQA_LLM_API_KEY"))

    def chat_model(self) -> BaseChatModel:
        """The LangChain chat model for this endpoint."""
        if self.provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(base_url=self.url, model=self.model, temperature=0)
        if self.provider != "openai":
            raise ValueError(f"unknown LLM provider {self.provider!r} (openai or ollama)")
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        return ChatOpenAI(base_url=self.url, model=self.model, temperature=0,
                          api_key=SecretStr(self.api_key or "not-needed"), timeout=TIMEOUT_S,
                          max_retries=0)


def build_messages(question: str, hits: list[Hit]) -> list[tuple[str, str]]:
    passages = "\n\n".join(
        f"[{i}] {h.review.label}, "
        f"{h.chunk.locator}:\n{' '.join(h.chunk.text.split())}" for i, h in enumerate(hits, 1))
    return [("system", SYSTEM_PROMPT),
            ("human", f"Passages:\n\n{passages}\n\nQuestion: {question}")]


def supported(sentence: str, passages: list[str]) -> bool:
    """Whether enough of the sentence's content words occur in the passages it cites."""
    content = {w for w in words(_CITE.sub(" ", sentence)) if w not in STOPWORDS and len(w) > 2}
    if not content:
        return True
    found = set(words(" ".join(passages)))
    return len(content & found) / len(content) >= SUPPORT_THRESHOLD


def check_reply(reply: str, hits: list[Hit]) -> tuple[list[tuple[str, list[int]]], int]:
    """Splits a reply into sentences; keeps those citing valid passages that support them.
    Returns (kept sentences with their citation numbers, number dropped)."""
    kept, dropped = [], 0
    for sentence in _SENTENCE.split(" ".join(reply.split())):
        if not sentence.strip():
            continue
        numbers = [int(n) for n in _CITE.findall(sentence)]
        valid = [n for n in numbers if 1 <= n <= len(hits)]
        if not valid or len(valid) != len(numbers) or not supported(
                sentence, [hits[n - 1].chunk.text for n in valid]):
            dropped += 1
            continue
        kept.append((sentence, valid))
    return kept, dropped


def generate_answer(config: LLMConfig, question: str, hits: list[Hit],
                    fallback: Callable[[], Answer]) -> Answer:
    """The LLM's checked answer, or the extractive one with a note when it fails."""
    given = hits[:PASSAGES_GIVEN]
    try:
        reply = config.chat_model().invoke(build_messages(question, given)).content
    except Exception as err:  # any transport or provider error: fall back, say why
        answer = fallback()
        answer.notes.append(f"LLM unavailable ({err.__class__.__name__}); "
                            "showing the extractive answer.")
        return answer
    kept, dropped = check_reply(str(reply), given)
    if not kept:
        answer = fallback()
        answer.notes.append("The LLM's answer was not supported by the passages; "
                            "showing the extractive answer.")
        return answer
    citations: dict[int, Citation] = {}
    for _, numbers in kept:
        for n in numbers:
            hit = given[n - 1]
            citations.setdefault(n, Citation(n, hit, [Quote(hit.chunk.text, hit.chunk.start,
                                                             hit.chunk.end)]))
    notes = [f"{dropped} sentence(s) of the LLM's answer were dropped: not supported by "
             "the passages they cite."] if dropped else []
    return Answer(question=question, text=" ".join(s for s, _ in kept), kind="generative",
                  citations=[citations[n] for n in sorted(citations)], hits=hits, notes=notes)
