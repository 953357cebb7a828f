package ladder_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// roundTrip is what Value stands for: d encoded, and decoded as a JSON
// Schema validator decodes it.
func roundTrip(t *testing.T, d ladder.Document) any {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func sameValue(t *testing.T, what string, d ladder.Document) {
	t.Helper()
	want := roundTrip(t, d)
	var got any = d.Value()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("%s: Value differs from the JSON round trip:\n got %s\nwant %s", what, g, w)
	}
}

// fill sets every field v holds to a value that is not its zero, so that a
// field Value forgets (or a json tag it misspells) shows.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), s)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(v.Index(0), s)
		fill(v.Index(1), s+"2")
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf(s), reflect.ValueOf(true))
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), s)
		}
	}
}

// TestDocumentValueIsRoundTrip: every field, the omitted ones, the nil
// lists and invalid UTF-8 come out of Value as out of the JSON text.
func TestDocumentValueIsRoundTrip(t *testing.T) {
	var full ladder.Document
	fill(reflect.ValueOf(&full).Elem(), "x<&>\u2028")
	sameValue(t, "every field set", full)
	sameValue(t, "zero document", ladder.Document{})
	var bad ladder.Document
	fill(reflect.ValueOf(&bad).Elem(), "a\xffb\xc3(é\xed\xa0\x80")
	sameValue(t, "invalid UTF-8", bad)
	sameValue(t, "empty lists", ladder.Document{Categories: []string{}, CategorySet: map[string]bool{},
		Levels: []ladder.LevelDocument{{Cells: []ladder.CellDocument{{Items: []string{}}}, Areas: map[string]bool{}}}})
}

// TestDocumentValueOnFixtures: Value is the round trip on every extract
// fixture's ladders.
func TestDocumentValueOnFixtures(t *testing.T) {
	pages, _ := filepath.Glob("../../testdata/extract/*.md")
	more, _ := filepath.Glob("../../testdata/shapes/*.md")
	pages = append(pages, more...)
	if len(pages) == 0 {
		t.Fatal("no fixtures")
	}
	areas := []ladder.Area{{Name: "impact", Terms: []string{"impact", "deliver"}}}
	n := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := source.NewFile(filepath.Base(p), data)
		for _, l := range ladder.Extract(markdown.Parse(f, markdown.DefaultLimits),
			ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders}) {
			sameValue(t, p, l.Document(f, areas))
			n++
		}
	}
	if n < 20 {
		t.Errorf("only %d ladders in the fixtures", n)
	}
}
