#!/usr/bin/env python3
"""Fills a Qt Linguist .ts file from a source -> translation table (docs/i18n.md).

    fill_translations.py quantscope_vi.ts translations_vi.json [--missing OUT.json] [--strict]

The table is a JSON object {source text: translation}; a key "Context|source"
overrides the translation for one context (e.g. "qs::MainWindow|&File"). Every
message whose source is in the table gets that translation and is marked
finished; messages not in the table stay unfinished and are listed (and, with
--missing, written as a skeleton table to fill). With --strict the exit
status is 1 if any message is left unfinished.
"""
import json
import sys
import xml.etree.ElementTree as ET


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    ts_path, table_path = argv[1], argv[2]
    missing_out = argv[argv.index("--missing") + 1] if "--missing" in argv else None
    with open(table_path, encoding="utf-8") as f:
        table = json.load(f)

    tree = ET.parse(ts_path)
    missing = {}
    total = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            total += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            text = table.get(f"{name}|{source}", table.get(source))
            if text is None:
                missing[source] = ""
                translation.set("type", "unfinished")
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                # Vietnamese has a single plural form.
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text

    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(ts_path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(body)
        f.write("\n")

    print(f"{ts_path}: {total} messages, {total - len(missing)} translated, {len(missing)} missing")
    for source in missing:
        print(f"  missing: {source!r}")
    if missing_out:
        with open(missing_out, "w", encoding="utf-8") as f:
            json.dump(missing, f, ensure_ascii=False, indent=1)
    return 1 if (missing and "--strict" in argv) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
