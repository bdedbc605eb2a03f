package rules

import (
	"fmt"
	"sync"
	"testing"
)

// TestVocabularyMemo holds the memoised answers to the computed ones, asked
// twice, from several goroutines, and past the memo's bound.
func TestVocabularyMemo(t *testing.T) {
	names := []string{"agent", "agentteam", "attribute", "bulkjob", "calltype", "callvariable", "skillgroup"}
	v := NewVocabulary(names)
	asks := []string{"agnet", "agentteams", "bulkjobs", "ecc", "calltyp", "callvariables", "Skillgroup", ""}
	for i := 0; i < vocabularyMemoMax+10; i++ {
		asks = append(asks, fmt.Sprintf("name%d", i))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 2; round++ {
				for _, a := range asks[:8] {
					if got, want := v.Nearest(a), Nearest(a, names); got != want {
						t.Errorf("Nearest(%q) = %q, want %q", a, got, want)
					}
					if got, want := v.Confident(a), Confident(a, names); got != want {
						t.Errorf("Confident(%q) = %q, want %q", a, got, want)
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, a := range asks {
		v.Nearest(a)
	}
	if len(v.memo) > vocabularyMemoMax {
		t.Errorf("memo holds %d answers, more than %d", len(v.memo), vocabularyMemoMax)
	}
	if got := v.Nearest("agnet"); got != "agent" {
		t.Errorf("after the memo started over, Nearest(agnet) = %q", got)
	}
}
