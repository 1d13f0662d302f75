"""The cells of the Markdown tables on stdin as Python-Markdown (with its
tables extension, as MkDocs uses it) and cmark-gfm (GitHub's renderer)
render them: one JSON document, {"python-markdown": rows, "gfm": rows},
each row the text of its cells, character references decoded."""

import json
import sys
from html.parser import HTMLParser

import cmarkgfm
import markdown


class Cells(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def cells(html):
    parser = Cells()
    parser.feed(html)
    return parser.rows


source = sys.stdin.read()
json.dump(
    {
        "python-markdown": cells(markdown.markdown(source, extensions=["tables"])),
        "gfm": cells(cmarkgfm.github_flavored_markdown_to_html(source)),
    },
    sys.stdout,
)
