package image

import (
	"reflect"
	"testing"
)

// TestOracle: the copy of the fake runner's parsers still agrees with the
// runner on the contract's trickiest cases (§8.2 P4, P5, P7, P13; §8.3 F8).
func TestOracle(t *testing.T) {
	cases := []struct {
		stream string
		want   []Command
	}{
		{">>>   ##[warning]x\n", []Command{{Name: "warning", Props: map[string]string{}, Data: "x", Legacy: true}}},
		{"::warning k1=;=%2C=%0D=%0A=]=%3A,::;-%0D-%0A-]-:-,\n", []Command{{Name: "warning", Props: map[string]string{"k1": ";=,=\r=\n=]=:"}, Data: ";-\r-\n-]-:-,"}}},
		{"prefix\r::error::after CR\n", []Command{{Name: "error", Props: map[string]string{}, Data: "after CR"}}},
		{"::stop-commands::tok\n::error::hidden\n::tok::\n::error::shown\n", []Command{{Name: "stop-commands", Props: map[string]string{}, Data: "tok"},
			{Name: "error", Props: map[string]string{}, Data: "shown"}}},
		{"   >>>   ::warning::x\n", nil},
	}
	for _, c := range cases {
		if got := ParseCommands([]byte(c.stream), func(string, ...any) {}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %#v\nwant %#v", c.stream, got, c.want)
		}
	}
	flagged := 0
	ParseCommands([]byte("\u200b::error::x\n"), func(string, ...any) { flagged++ })
	if flagged != 1 {
		t.Errorf("the conservative oracle missed a zero-width-prefixed command")
	}
	const D = "_GitHubActionsFileCommandDelimeter_"
	got, err := ParseEnvFile([]byte("summary<<" + D + "\nx\n" + D + "\nINJECTED=pwned\n" + D + "\n"))
	if !reflect.DeepEqual(got, map[string]string{"summary": "x", "INJECTED": "pwned"}) || err == nil {
		t.Errorf("F8: %v, %v", got, err)
	}
}
