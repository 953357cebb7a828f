package ladder

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Value is d as the generic JSON values a JSON Schema validator reads:
// objects as map[string]any, arrays as []any, numbers as json.Number. It is
// what encoding d and decoding the text with UseNumber gives (the fields
// and omitempty rules of the json tags, invalid UTF-8 replaced byte by
// byte), without the text in between: the schemas of every ladder read it,
// and the round trip was most of their cost.
func (d *Document) Value() map[string]any {
	m := map[string]any{
		"file": jsonString(d.File), "line": jsonInt(d.Line), "column": jsonInt(d.Column), "end_line": jsonInt(d.EndLine),
		"name": jsonString(d.Name), "format": jsonString(string(d.Format)),
		"categories": stringsValue(d.Categories), "category_set": setValue(d.CategorySet),
	}
	if d.Table != "" {
		m["table"] = jsonString(d.Table)
	}
	m["levels"] = arrayValue(d.Levels, (*LevelDocument).value)
	return m
}

func (ld *LevelDocument) value() map[string]any {
	m := map[string]any{
		"label": jsonString(ld.Label), "code": jsonString(ld.Code), "track": jsonString(ld.Track), "rank": jsonInt(ld.Rank),
		"line": jsonInt(ld.Line), "column": jsonInt(ld.Column), "placeholder": ld.Placeholder, "areas": setValue(ld.Areas),
	}
	optional(m, "file", ld.File)
	optional(m, "placeholder_text", ld.PlaceholderText)
	optional(m, "id", ld.ID)
	optional(m, "href", ld.Href)
	if ld.Summary != nil {
		m["summary"] = ld.Summary.value()
	}
	m["cells"] = arrayValue(ld.Cells, (*CellDocument).value)
	return m
}

func (cd *CellDocument) value() map[string]any {
	m := map[string]any{
		"category": jsonString(cd.Category), "text": jsonString(cd.Text), "items": stringsValue(cd.Items),
		"line": jsonInt(cd.Line), "column": jsonInt(cd.Column), "end_line": jsonInt(cd.EndLine), "end_column": jsonInt(cd.EndColumn),
		"empty": cd.Empty,
	}
	optional(m, "placeholder", cd.Placeholder)
	if cd.Shared {
		m["shared"] = true
	}
	return m
}

// arrayValue is the JSON array of the values of xs, null for a nil slice
// (as encoding/json writes it).
func arrayValue[T any](xs []T, value func(*T) map[string]any) any {
	if xs == nil {
		return nil
	}
	out := make([]any, len(xs))
	for i := range xs {
		out[i] = value(&xs[i])
	}
	return out
}

// optional sets an omitempty string field.
func optional(m map[string]any, key, s string) {
	if s != "" {
		m[key] = jsonString(s)
	}
}

func jsonInt(n int) json.Number { return json.Number(strconv.Itoa(n)) }

func stringsValue(s []string) any {
	if s == nil {
		return nil
	}
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = jsonString(v)
	}
	return out
}

func setValue(set map[string]bool) any {
	if set == nil {
		return nil
	}
	out := make(map[string]any, len(set))
	for k, v := range set {
		out[jsonString(k)] = v
	}
	return out
}

// jsonString is s as encoding/json writes it: each byte of invalid UTF-8
// becomes U+FFFD.
func jsonString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}
