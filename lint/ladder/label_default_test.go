package ladder

import (
	"fmt"
	"testing"
)

// TestDefaultMatcher pins what the built-in recognition reads from a label:
// code, track, rank, and whether the rank is an order (titles) or a count,
// and whether the family needs career context. "-" means not a level.
func TestDefaultMatcher(t *testing.T) {
	m := NewDefaultMatcher()
	for _, tc := range []struct{ label, want string }{
		// Codes and numbered families.
		{"IC1", "IC1 track=IC rank=1"},
		{"IC 3a", "IC3a track=IC rank=3 sub=1"},
		{"IC 3b: Senior", "IC3b track=IC rank=3 sub=2"},
		{"L4", "L4 track=L rank=4 weak"},
		{"L5 - Senior Engineer", "L5 track=L rank=5 weak"},
		{"SWE-3 → SWE-6: Semi-Senior I → Senior I", "SWE3 track=SWE rank=3"},
		{"SE1 - Software Engineer 1", "SE1 track=SE rank=1"},
		{"ENG1 Engineer", "ENG1 track=ENG rank=1"},
		{"EM-2", "EM2 track=EM rank=2"},
		{"Level 3", "L3 track=L rank=3 weak"},
		{"Level 3: Product Analyst II", "L3 track=L rank=3"},
		{"LVL 4", "L4 track=L rank=4 weak"},
		{"Grade 7", "Grade7 track=Grade rank=7 weak"},
		{"Band 2", "Band2 track=Band rank=2 weak"},
		{"Rank 2", "Rank2 track=Rank rank=2 weak"},
		{"SFIA 5", "Sfia5 track=Sfia rank=5 weak"},
		{"Level II", "L2 track=L rank=2 weak"},
		{"Band X", "L10 track=L rank=10 weak"},
		{"IC1-IC2", "-"},
		{"IC1 → IC2", "IC1 track=IC rank=1"},
		{"Junior → Senior → Staff", "-"},
		{"Senior software engineer", "Senior software engineer track=software engineer rank=40 ordinal"},
		{"Principal+ Engineer", "Principal+ Engineer track=engineer rank=60 ordinal"},
		{"🕵 IC1 Engineer (Code Cadet)", "IC1 track=IC rank=1"},
		{"Especialista", "Especialista track=seniority rank=50 ordinal weak"},
		{"Nível 2", "Nível2 track=Nível rank=2 weak"},
		{"D2 - Developer 2", "D2 track=D rank=2 weak"},
		{"Senior SDR (P2)", "P2 track=P rank=2"},
		// Titles.
		{"Junior Software Engineer", "Junior Software Engineer track=software engineer rank=20 ordinal"},
		{"Software Engineer", "Software Engineer track=software engineer rank=30 ordinal"},
		{"Senior Staff Software Engineer", "Senior Staff Software Engineer track=software engineer rank=55 ordinal"},
		{"Sr. Staff Engineer", "Sr. Staff Engineer track=engineer rank=55 ordinal"},
		{"Distinguished Engineer and beyond", "Distinguished Engineer and beyond track=engineer rank=70 ordinal"},
		{"Engineer II", "Engineer II track=engineer rank=2"},
		{"Senior Engineer I", "Senior Engineer I track=senior engineer rank=1"},
		{"Middle II Engineer", "Middle II Engineer track=middle engineer rank=2"},
		{"OSPO Engineer I", "OSPO Engineer I track=ospo engineer rank=1"},
		{"Software Engineer 4", "Software Engineer 4 track=software engineer rank=4"},
		{"Graduate QA/QE Engineer", "Graduate QA/QE Engineer track=qa/qe engineer rank=20 ordinal"},
		{"Tech Lead", "Tech Lead track=tech lead rank=50 ordinal"},
		{"Lead Designer", "Lead Designer track=designer rank=50 ordinal"},
		{"VP of Engineering", "VP of Engineering track=vp of engineering rank=70 ordinal"},
		{"Senior Director", "Senior Director track=director rank=63 ordinal"},
		{"Junior - Developer", "Junior - Developer track=developer rank=20 ordinal"},
		{"Développeur de niveau intermédiaire", "Développeur de niveau intermédiaire track=développeur rank=30 ordinal"},
		{"Desarrollador Senior", "Desarrollador Senior track=desarrollador rank=40 ordinal"},
		{"Front End Engineer Sênior", "Front End Engineer Sênior track=front end engineer rank=40 ordinal"},
		{"Pleno", "Pleno track=seniority rank=30 ordinal weak"},
		{`"Júnior"`, `"Júnior" track=seniority rank=20 ordinal weak`},
		{"高级工程师", "高级工程师 track=工程师 rank=40 ordinal"},
		{"シニア エンジニア", "シニア エンジニア track=エンジニア rank=40 ordinal"},
		{"シニア", "シニア track=seniority rank=40 ordinal weak"},
		// Not levels: sentences, roles in prose, other words.
		{"A solid and autonomous contributor", "-"},
		{"Senior engineers own the roadmap", "-"},
		{"Senior Leadership Team", "-"},
		{"Staff Meeting", "-"},
		{"Tech Lead Role", "-"},
		{"Release 2", "-"},
		{"P2P networking", "-"},
		{"E2E tests", "-"},
		{"Q3 goals", "-"},
		{"How to become a Senior Engineer", "-"},
	} {
		lb, ok := m.Match(tc.label)
		got := "-"
		if ok {
			got = fmt.Sprintf("%s track=%s rank=%d", lb.Code(), lb.Track, lb.Rank)
			if lb.Sub > 0 {
				got += fmt.Sprintf(" sub=%d", lb.Sub)
			}
			if lb.Ordinal {
				got += " ordinal"
			}
			if lb.Weak {
				got += " weak"
			}
		}
		if got != tc.want {
			t.Errorf("Match(%q) = %s, want %s", tc.label, got, tc.want)
		}
	}
}

// TestLabelName: a missing level is named the way the page writes its neighbours.
func TestLabelName(t *testing.T) {
	m := NewDefaultMatcher()
	for _, tc := range []struct {
		label string
		rank  int
		want  string
	}{
		{"IC 6", 7, "IC 7"}, {"Level 3", 4, "Level 4"}, {"L4", 5, "L5"}, {"IC1", 2, "IC2"},
		{"Engineer II", 3, "Engineer III"}, {"Middle I Engineer", 2, "Middle II Engineer"}, {"SWE-3", 4, "SWE-4"},
	} {
		lb, ok := m.Match(tc.label)
		if !ok {
			t.Fatalf("%q not matched", tc.label)
		}
		if got := lb.Name(tc.rank); got != tc.want {
			t.Errorf("%q.Name(%d) = %q, want %q", tc.label, tc.rank, got, tc.want)
		}
	}
}
