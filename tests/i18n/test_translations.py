#!/usr/bin/env python3
"""Interface languages: the message catalogues and the vocabulary's labels are complete in every
interface language, and the real server shows them.

- every catalogue in web/i18n has every key of en.yaml, no key that English lacks, the plural
  categories its language needs, and the same {placeholders} as the English text;
- every label, definition and country name in schemas/vocabulary.yaml has a text in every
  language that has a catalogue, and the ids are the same as before translation;
- the indexer reports a translated text without English, with its line;
- praxis-server answers in the language of ?lang=, else of Accept-Language, keeps ?lang= in its
  links, shows vocabulary labels and country names in that language, and leaves entry text as
  written.

    test_translations.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

I18N = os.path.join(SOURCE, "web", "i18n")
# The CLDR plural categories of whole numbers, for the languages Praxis has catalogues for.
PLURALS = {"en": {"one", "other"}, "fr": {"one", "other"}, "de": {"one", "other"},
           "ru": {"one", "few", "many", "other"}}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def catalogues():
    return {name[:-5]: load_yaml(os.path.join(I18N, name))
            for name in sorted(os.listdir(I18N)) if re.fullmatch(r"[a-z]{2,3}\.yaml", name)}


class Catalogues(unittest.TestCase):
    def setUp(self):
        self.all = catalogues()
        self.english = self.all["en"]

    def test_the_interface_languages_are_there(self):
        self.assertLessEqual({"en", "ru", "fr"}, set(self.all))

    def test_every_catalogue_has_every_key_of_english_and_no_other(self):
        for lang, catalogue in self.all.items():
            with self.subTest(lang=lang):
                missing = sorted(set(self.english) - set(catalogue))
                self.assertEqual(missing, [], f"{lang}.yaml lacks keys that en.yaml has")
                extra = sorted(set(catalogue) - set(self.english))
                self.assertEqual(extra, [], f"{lang}.yaml has keys that en.yaml does not")

    def test_plural_messages_have_the_categories_of_their_language(self):
        for lang, catalogue in self.all.items():
            needed = PLURALS.get(lang, {"one", "other"})
            for key, text in self.english.items():
                if not isinstance(text, dict):
                    continue
                with self.subTest(lang=lang, key=key):
                    self.assertIsInstance(catalogue.get(key), dict)
                    self.assertLessEqual(needed, set(catalogue[key]))

    def test_translations_keep_the_placeholders_and_are_not_empty(self):
        for lang, catalogue in self.all.items():
            for key, english in self.english.items():
                texts = catalogue.get(key)
                texts = texts.values() if isinstance(texts, dict) else [texts]
                reference = english["other"] if isinstance(english, dict) else english
                for text in texts:
                    with self.subTest(lang=lang, key=key):
                        self.assertIsInstance(text, str)
                        if key not in ("list_separator", "number_group_separator"):
                            self.assertTrue(text.strip(), "empty text")
                        self.assertEqual(set(PLACEHOLDER.findall(text)),
                                         set(PLACEHOLDER.findall(reference)))

    def test_translated_catalogues_are_translated(self):
        for lang, catalogue in self.all.items():
            if lang == "en":
                continue
            with self.subTest(lang=lang):
                self.assertNotEqual(catalogue["lang_name"], self.english["lang_name"])
                same = [k for k, v in catalogue.items() if v == self.english[k] and
                        isinstance(v, str) and re.search(r"[A-Za-z]{4} [A-Za-z]{4}", v)]
                self.assertEqual(same, [], "English sentences left untranslated")


class VocabularyLabels(unittest.TestCase):
    def setUp(self):
        self.vocabulary = load_yaml(os.path.join(SOURCE, "schemas", "vocabulary.yaml"))
        self.languages = set(catalogues())

    def texts(self):
        """(where, text) for every label, definition and country name."""
        for name, values in self.vocabulary.items():
            for key, value in values.items():
                where = f"{name}.{key}"
                if name == "regions":
                    yield where + ".label", value["label"]
                    for code, country in value["countries"].items():
                        yield f"countries.{code}", country
                elif isinstance(value, dict) and ("label" in value or "definition" in value):
                    for field in ("label", "definition"):
                        if field in value:
                            yield f"{where}.{field}", value[field]
                else:
                    yield where, value

    def test_every_label_is_in_every_interface_language(self):
        count = 0
        for where, text in self.texts():
            count += 1
            with self.subTest(where=where):
                self.assertIsInstance(text, dict, "a label without translations")
                self.assertEqual(set(text), self.languages)
                for lang, value in text.items():
                    self.assertTrue(str(value).strip(), lang)
        self.assertGreater(count, 200)  # every list, region and country was seen

    def test_country_names_differ_where_languages_differ(self):
        germany = next(c for r in self.vocabulary["regions"].values()
                       for code, c in r["countries"].items() if code == "DE")
        self.assertEqual(germany, {"en": "Germany", "ru": "Германия", "fr": "Allemagne"})

    def test_the_indexer_names_the_line_of_a_text_without_english(self):
        tmp = tempfile.mkdtemp(prefix="praxis-vocab-")
        try:
            with open(os.path.join(SOURCE, "schemas", "vocabulary.yaml"), encoding="utf-8") as f:
                lines = f.read().splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("  early-intervention:"))
            lines[at] = "  early-intervention: {ru: Раннее вмешательство, fr: Intervention précoce}"
            os.makedirs(os.path.join(tmp, "schemas"))
            with open(os.path.join(tmp, "schemas", "vocabulary.yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            shutil.copy(os.path.join(SOURCE, "schemas", "synonyms.yaml"),
                        os.path.join(tmp, "schemas"))
            os.makedirs(os.path.join(tmp, "content"))
            r = subprocess.run([INDEX_BIN, "--check", "--content", os.path.join(tmp, "content"),
                                "--schemas", os.path.join(tmp, "schemas")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"vocabulary.yaml:{at + 1}:", r.stderr)
            self.assertIn("English", r.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class ServedLanguages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-i18n-")
        content = os.path.join(SOURCE, "content")
        cls.entry = "ankkuri-anchor-work-finland"  # Finnish entry about Finland
        assert os.path.exists(os.path.join(content, cls.entry + ".md"))
        index = os.path.join(cls.tmp, "var", "index")
        pp.run_index(INDEX_BIN, "--content", content, "--index", index,
                     "--schemas", os.path.join(SOURCE, "schemas"), "--quiet")
        cls.server = pp.Server(SERVER_BIN, ["--index", index,
                                            "--schemas", os.path.join(SOURCE, "schemas"),
                                            "--web", os.path.join(SOURCE, "web")], cls.tmp)
        cls.messages = catalogues()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def page(self, path, accept_language=None):
        headers = {"Accept-Language": accept_language} if accept_language else {}
        status, body = self.server.get(path, headers=headers)
        self.assertEqual(status, 200, path)
        return html.unescape(body)

    def assert_language(self, body, lang):
        self.assertIn(f'<html lang="{lang}">', body)
        self.assertIn(self.messages[lang]["search_button"], body)

    def test_accept_language_chooses_and_lang_overrides(self):
        self.assert_language(self.page("/", "ru-RU,ru;q=0.9,en;q=0.5"), "ru")
        self.assert_language(self.page("/", "de-CH, fr;q=0.9, en;q=0.8"), "fr")
        self.assert_language(self.page("/", "ja"), "en")
        self.assert_language(self.page("/?lang=fr", "ru"), "fr")
        self.assert_language(self.page("/?lang=xx", "ru"), "ru")
        # The footer offers every language, named in itself, the current one marked.
        body = self.page("/about?lang=fr")
        self.assertIn('<span lang="fr" aria-current="true">Français</span>', body)
        self.assertIn('<a href="?lang=ru" lang="ru" hreflang="ru">Русский</a>', body)

    def test_links_keep_the_chosen_language(self):
        body = self.page("/?lang=ru&q=police")
        links = re.findall(r'href="(/[^"]*)"', body)
        # Pages only: static files, the API and the Atom feed hold no interface text.
        internal = [link for link in links
                    if not link.startswith(("/static/", "/api/", "/feed.atom"))]
        self.assertGreater(len(internal), 10)
        for link in internal:
            self.assertRegex(link, r"[?&]lang=ru(&|#|$)", link)

    def test_vocabulary_labels_and_country_names_follow_the_language(self):
        for lang, theme, country in [("ru", "Работа полиции с местным сообществом", "Финляндия"),
                                     ("fr", "Police de proximité", "Finlande"),
                                     ("en", "Community policing", "Finland")]:
            with self.subTest(lang=lang):
                body = self.page(f"/?lang={lang}&country=FI&theme=community-policing")
                self.assertIn(theme, body)
                self.assertIn(country, body)

    def test_the_practice_page_translates_the_frame_not_the_entry(self):
        with open(os.path.join(SOURCE, "content", self.entry + ".md"), encoding="utf-8") as f:
            title = re.search(r"(?m)^title: (.*)$", f.read()).group(1).strip('"')
        pages = {lang: self.page(f"/practices/{self.entry}?lang={lang}") for lang in self.messages}
        for lang, body in pages.items():
            with self.subTest(lang=lang):
                self.assertIn(title, body)
                self.assertIn(self.messages[lang]["practice_at_a_glance"], body)
        self.assertIn("Финляндия", pages["ru"])
        self.assertIn("Finlande", pages["fr"])

    def test_the_vocabulary_api_carries_the_translations(self):
        vocabulary = json.loads(self.server.get("/api/v1/vocabulary")[1])
        theme = next(v for v in vocabulary["theme"]["values"] if v["value"] == "harm-reduction")
        self.assertEqual(theme["label"], "Harm reduction")
        self.assertEqual(theme["labels"], {"ru": "Снижение вреда", "fr": "Réduction des risques"})
        country = next(v for v in vocabulary["country"]["values"] if v["value"] == "DE")
        self.assertEqual(country["labels"]["fr"], "Allemagne")
        level = vocabulary["evidence"]["values"][0]
        self.assertEqual(set(level["definitions"]), {"ru", "fr"})

    def test_the_evidence_scale_is_translated(self):
        vocabulary = load_yaml(os.path.join(SOURCE, "schemas", "vocabulary.yaml"))
        body = self.page("/about?lang=fr")
        for level in vocabulary["evidence"].values():
            self.assertIn(level["label"]["fr"], body)
            self.assertIn(level["definition"]["fr"], body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
