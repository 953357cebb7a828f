package diff

import (
	"slices"
	"strings"
	"unicode"
)

// words is the sorted comparison words of text: lower case, punctuation
// dropped. Text without spaces (Japanese, Chinese) is compared by letters.
func words(text string) []string {
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	var out []string
	for _, w := range f {
		if hasIdeographs(w) {
			for _, r := range w {
				out = append(out, string(r))
			}
			continue
		}
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

func hasIdeographs(w string) bool {
	for _, r := range w {
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

// similarity is the Dice coefficient of two sorted word lists: twice the
// words they share over the words they hold (0..1).
func similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			both++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return 2 * float64(both) / float64(len(a)+len(b))
}

// maxDiffWords bounds the word-level diff (its table grows with the product
// of the two lengths); longer texts are shown as replaced whole.
const maxDiffWords = 1000

// wordDiff is the word-level edit from old to new: the longest common
// subsequence of their space-separated words kept, the rest deleted or
// inserted, runs of the same operation joined.
func wordDiff(old, new string) []Word {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a) > maxDiffWords || len(b) > maxDiffWords {
		return []Word{{Op: "-", Text: old}, {Op: "+", Text: new}}
	}
	// lcs[i][j] is the common length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Word
	emit := func(op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Word{Op: op, Text: w})
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			emit("=", a[i])
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			emit("+", b[j])
			j++
		default:
			emit("-", a[i])
			i++
		}
	}
	// Deletions before insertions in each changed run reads best.
	for k := 0; k+1 < len(out); k++ {
		if out[k].Op == "+" && out[k+1].Op == "-" {
			out[k], out[k+1] = out[k+1], out[k]
		}
	}
	return out
}
