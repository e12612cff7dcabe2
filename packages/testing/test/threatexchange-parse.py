"""Syncs from the mock the way Meta's python-threatexchange NCMEC client does.

Mirrors the parsing rules of threatexchange/exchanges/clients/ncmec/hash_api.py
(stdlib only, written for this check): namespaces stripped after iterparse,
`images`/`videos` read with `maxTimestamp` via strptime("%Y-%m-%dT%H:%M:%SZ"),
every entry needs exactly one direct `id` child and `member@id` as int, the tag
(lowercased, minus a `deleted` prefix) must be `image` or `video`,
fingerprints keep only elements with text, and `paging/next` is html-unescaped,
parsed for start/size/max and appended to the base URL.

Usage: threatexchange-parse.py BASE_URL USER PASSWORD  -> prints JSON summary.
"""
import base64
import html
import json
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from io import BytesIO

FMT = "%Y-%m-%dT%H:%M:%SZ"
base, user, password = sys.argv[1:4]
token = base64.b64encode(f"{user}:{password}".encode()).decode()


def get(url):
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request) as response:
        it = ET.iterparse(BytesIO(response.read()))
        for _, el in it:
            _ns, has_ns, postfix = el.tag.partition("}")
            if has_ns:
                el.tag = postfix
        return it.root


def only(element, key):
    found = element.findall(key)
    if len(found) != 1:
        raise ValueError(f"expected one <{key}>, got {len(found)}")
    return found[0]


status = get(f"{base}/v2/status")
member = only(status, "member")
summary = {"member": [int(member.get("id")), member.text], "pages": [], "entries": 0}

url = f"{base}/v2/entries?" + urllib.parse.urlencode(
    {"from": "2000-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"}
)
ids = set()
while url:
    root = get(url)
    count = 0
    for group in (root.find("images"), root.find("videos")):
        if group is None or not len(group):
            continue
        datetime.strptime(group.get("maxTimestamp"), FMT).replace(tzinfo=timezone.utc)
        for entry in group:
            kind = entry.tag.lower()
            deleted = kind.startswith("deleted")
            kind = kind[len("deleted"):] if deleted else kind
            assert kind in ("image", "video"), kind
            entry_id = only(entry, "id").text
            int(only(entry, "member").get("id"))
            fingerprints = {f.tag: f.text for f in (entry.find("fingerprints") or []) if f.text is not None}
            assert deleted or fingerprints, entry_id
            ids.add(entry_id)
            count += 1
    summary["pages"].append(count)
    next_el = root.find("paging/next")
    next_ = next_el.text if next_el is not None and next_el.text else ""
    if next_:
        parsed = urllib.parse.parse_qs(html.unescape(next_))
        assert parsed.get("start") and parsed.get("size") and parsed.get("max"), next_
    url = base + next_ if next_ else ""

reasons = get(f"{base}/v2/feedback/MD5/reasons")
summary["reasons"] = [r.get("guid") for r in only(reasons, "availableFeedbackReasons")]
summary["entries"] = len(ids)
print(json.dumps(summary))
