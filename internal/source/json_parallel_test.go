package source

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// checkParallel loads data sequentially and in parallel with several
// worker counts and run sizes, and fails unless the documents and findings
// are identical, and the parallel parse gave up exactly when the
// sequential one failed.
func checkParallel(t *testing.T, data []byte, opts Options) {
	t.Helper()
	checkParallelWith(t, data, opts, []int{1, 2, 3, 8}, []int{1, 7, 64, 1 << 20})
}

func checkParallelWith(t *testing.T, data []byte, opts Options, workerCounts, chunkSizes []int) {
	t.Helper()
	seqDoc, seqFs := loadJSONWith("p.json", data, opts, 0, 0)
	checkParallelAgainst(t, data, opts, seqDoc, seqFs, workerCounts, chunkSizes)
}

// checkParallelAgainst compares parallel loads with a sequential one.
func checkParallelAgainst(t *testing.T, data []byte, opts Options, seqDoc *rules.Document, seqFs []rules.Finding, workerCounts, chunkSizes []int) {
	t.Helper()
	for _, workers := range workerCounts {
		for _, chunk := range chunkSizes {
			_, _, _, ok := parseJSONParallel(seqName(seqDoc, seqFs), data, min(opts.maxDepth(), jsontextMaxDepth), workers, chunk)
			if ok != (seqDoc != nil) {
				t.Fatalf("workers %d chunk %d: parallel ok %v, sequential document %v (%v)\ninput %q",
					workers, chunk, ok, seqDoc != nil, seqFs, clip(data))
			}
			doc, fs := loadJSONWith(seqName(seqDoc, seqFs), data, opts, workers, chunk)
			if !sameLoad(t, fmt.Sprintf("workers %d chunk %d", workers, chunk), data, doc, fs, seqDoc, seqFs) {
				continue
			}
		}
	}
}

// seqName is the file name the sequential load used.
func seqName(doc *rules.Document, fs []rules.Finding) string {
	if doc != nil {
		return doc.Path
	}
	if len(fs) > 0 {
		return fs[0].Path
	}
	return "p.json"
}

func clip(b []byte) []byte {
	if len(b) > 300 {
		return append(b[:300:300], "..."...)
	}
	return b
}

var parallelCases = []string{
	``, ` `, `1`, `"s"`, `null`, `[]`, `{}`, `[1]`, `[1,2,3]`, ` [ 1 , 2 ] `, "\xEF\xBB\xBF[1, {\"a\": 1, \"a\": 2}]",
	`{"data":[]}`, `{"data":[], "meta": {}}`, `{"items":[{"item":{"id":"x","id":"y"}}]}`,
	`[[],[1,[2]],{},[{"k":1,"k":2}],"x",true,false,null,-0.5e+3]`,
	`[{"a":1,"a":2,"a":3},{"b":{"c":1,"c":{"d":1,"d":2}}},[{"e":1,"e":2}]]`,
	`{"meta":{"a":1,"a":2},"data":[{"x":1,"x":2},{"y":[{"z":1,"z":1}]}],"tail":{"b":1,"b":2},"meta":3}`,
	`{"data":[{"k":1}],"data":[{"k":1,"k":2}],"data":[{"k":3}]}`,
	`{"data":[{"k":1}],"other":[{"k":1,"k":2}, 7],"data":"replaced"}`,
	`{"d\u0061ta":[{"a\u0041":1,"aA":2}], "": [{"":1,"":2}]}`,
	`{"a/b~c":[{"x~y/":1,"x~y/":2}], "é😀": [{"ü":1,"ü":2}]}`,
	`[-0,1e5,1.5E-3,123456789012345678901234567890,"\u00e9\n\"\\","\ud83d\ude00",""]`,
	"[\r\n  {\"a\": 1,\r\n   \"a\": 2}\r\n]\r\n",
	"{\n\t\"data\" :\n [ {\"k\":\n1} ,\n\t{\"k\":2 , \"k\" :3}\n ]\n}\n",
	// Syntax errors inside and around the big array.
	`[1,2,`, `[1,2,]`, `[1 2]`, `[{"a":1,}]`, `[{"a" 1}]`, `{"data":[1,2}`, `{"data":[1,2]`, `{"data":[1,2]] `,
	`{"data":[{"k":1,"k":2}, x]}`, `{"data":[{"k":1,"k":2}]} x`, `[1] [2]`, "[\"\xff\"]", `["\q"]`, `["ab\ud800"]`,
	`{"a":[1],"a" 2}`, `{"data":[1],}`, `[{"k":1,"k":2}, {"unclosed": "str`, `{"data":[[[[`, "[\"a\nb\"]",
	"\xEF\xBB\xBF", "\xEF\xBB\xBF{\"data\": [1,]}", `[1]]`, `{"data":[1]}}`,
}

func TestParallelMatchesSequential(t *testing.T) {
	for _, c := range parallelCases {
		checkParallel(t, []byte(c), Options{})
	}
	// Every prefix and many corruptions of a document with duplicates,
	// escapes and nesting: errors at every place of the big array.
	doc := []byte(`{"meta":{"n":1,"n":2},"data":[{"id":"a","id":"b","x":[1,{"y":2,"y":3}]},` +
		`[],{"s":"\u00e9\\","s":"t"},[[1,2],[3]],"str",42,{"k":{"k":{"k":1,"k":2}}}],"tail":[{"t":1,"t":1}],"meta":null}`)
	for i := 0; i <= len(doc); i++ {
		checkParallel(t, doc[:i], Options{})
	}
	for i := range doc {
		for _, b := range []byte{'x', ',', ']', '}', '[', '{', '"', 0xff, ' '} {
			bad := bytes.Clone(doc)
			bad[i] = b
			checkParallel(t, bad, Options{})
		}
	}
}

// The depth limit counts the levels around the split array: values at and
// just past the limit, in the root array and in an envelope.
func TestParallelDepthLimit(t *testing.T) {
	nest := func(depth int) string {
		return strings.Repeat("[", depth) + strings.Repeat("]", depth)
	}
	for limit := 1; limit <= 6; limit++ {
		for depth := 0; depth <= 7; depth++ {
			inner := nest(depth)
			if depth == 0 {
				inner = "1"
			}
			for _, in := range []string{
				"[" + inner + "]",
				"[1," + inner + ",2]",
				`{"data":[` + inner + `]}`,
				`{"data":[{"a":1,"a":2},` + inner + `,3]}`,
				`{"meta":` + inner + `,"data":[1]}`,
				`{"data":[{"k":` + inner + `,"k":1}]}`,
			} {
				checkParallel(t, []byte(in), Options{MaxDepth: limit})
			}
		}
	}
	checkParallel(t, []byte("["+nest(jsontextMaxDepth)+"]"), Options{MaxDepth: 50000})
	checkParallel(t, []byte(`{"data":[`+strings.Repeat("[", 20000)+`]}`), Options{MaxDepth: 50000})
}

// More arrays than are split: the rest are parsed by the main parser.
func TestParallelManyArrays(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range maxSplitArrays + 10 {
		fmt.Fprintf(&b, `"a%d":[{"k":%d,"k":0}],`, i, i)
	}
	b.WriteString(`"z":1}`)
	checkParallel(t, []byte(b.String()), Options{})
}

// Generated documents: random values with duplicate keys, escapes,
// numbers and whitespace, in every shape a big array comes in.
func TestParallelGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		var elems []string
		for range rng.IntN(12) {
			elems = append(elems, randomJSON(rng, 4))
		}
		list := "[" + strings.Join(elems, ","+space(rng)) + "]"
		var in string
		switch i % 5 {
		case 0:
			in = list
		case 1:
			in = `{"meta":` + randomJSON(rng, 3) + `,"data":` + list + "}"
		case 2:
			in = `{"items":` + list + `,"after":` + randomJSON(rng, 3) + `,"items2":` + list + "}"
		case 3:
			in = "\xEF\xBB\xBF" + space(rng) + `{"data":` + list + `,"data":` + list + "}" + space(rng)
		case 4:
			in = `{"a":1,"a":` + list + `,"b":[` + list + "," + list + "]}"
		}
		checkParallel(t, []byte(in), Options{})
		checkParallel(t, []byte(in), Options{MaxDepth: 3 + i%4})
	}
}

var randomKeys = []string{`"id"`, `"name"`, `"a\u0062"`, `"ab"`, `"x/y~z"`, `"é"`, `""`}

// randomJSON returns a random value; objects often repeat a key.
func randomJSON(rng *rand.Rand, depth int) string {
	n := rng.IntN(10)
	if depth == 0 {
		n = rng.IntN(6)
	}
	switch n {
	case 0:
		return []string{`0`, `-1.5e3`, `12345678901234567890`, `0.001`}[rng.IntN(4)]
	case 1:
		return []string{`""`, `"v"`, `"\"q\"\n"`, `"\u00e9😀"`, `"\ud83d\ude00"`}[rng.IntN(5)]
	case 2:
		return []string{`true`, `false`, `null`}[rng.IntN(3)]
	case 3, 4, 5:
		return randomKeys[rng.IntN(len(randomKeys))]
	case 6, 7:
		var parts []string
		for range rng.IntN(5) {
			parts = append(parts, randomJSON(rng, depth-1))
		}
		return "[" + strings.Join(parts, ","+space(rng)) + "]"
	default:
		var parts []string
		for range rng.IntN(6) {
			parts = append(parts, randomKeys[rng.IntN(len(randomKeys))]+space(rng)+":"+randomJSON(rng, depth-1))
		}
		return "{" + space(rng) + strings.Join(parts, ",") + "}"
	}
}

func space(rng *rand.Rand) string {
	return []string{"", " ", "\n", "\r\n  ", "\t"}[rng.IntN(5)]
}

// A real export, big enough for the threshold, takes the parallel path and
// loads as the sequential parser loads it.
func TestParallelProfileList(t *testing.T) {
	data := profileList(parallelMinSize + 1000)
	// A duplicate key deep inside the list, reported with its exact place.
	data = bytes.Replace(data, []byte(`"name":"Profile 777",`), []byte(`"name":"Profile 777","name":"again",`), 1)
	if jsonWorkers(len(data), 1) == 0 {
		t.Log("one CPU: loadJSON parses sequentially")
	}
	if _, _, _, ok := parseJSONParallel("p.json", data, DefaultMaxDepth, 2, jsonChunkSize(len(data), 2)); !ok {
		t.Fatal("the parallel parse gave up on a valid export")
	}
	seqDoc, seqFs := loadJSONWith("p.json", data, Options{}, 0, 0)
	for _, workers := range []int{2, 5} {
		doc, fs := loadJSONWith("p.json", data, Options{}, workers, 64<<10)
		if !reflect.DeepEqual(fs, seqFs) || !reflect.DeepEqual(doc.Root, seqDoc.Root) || !reflect.DeepEqual(doc.Entities, seqDoc.Entities) {
			t.Fatalf("workers %d: the parallel load differs", workers)
		}
	}
	if len(seqFs) != 1 || seqFs[0].Pointer != "/data/777/name" || seqFs[0].RuleID != rules.IDDuplicateKey {
		t.Fatalf("findings %+v", seqFs)
	}
}

// TestJobsOneLoadsSequentially: --jobs 1 means one goroutine, so a big file
// is not split, while the default splits it on a machine with several CPUs.
func TestJobsOneLoadsSequentially(t *testing.T) {
	data := profileList(parallelMinSize + 1<<20)
	split := func(opts Options) bool {
		doc, fs := loadJSON("big.json", data, opts)
		if doc == nil || len(fs) != 0 {
			t.Fatalf("load failed: %v", fs)
		}
		return doc.Source.(*jsonSource).arrays != nil
	}
	if split(Options{Jobs: 1}) {
		t.Error("Jobs 1: the file was split over several goroutines")
	}
	if runtime.GOMAXPROCS(0) >= 2 && !split(Options{}) {
		t.Error("default: a big file was not split")
	}
}

// sameLoad fails the test unless a parallel load (doc, fs) equals the
// sequential one: findings, model, kind, shape and entities. It reports
// whether there is a document to compare further.
func sameLoad(t *testing.T, what string, data []byte, doc *rules.Document, fs []rules.Finding, seqDoc *rules.Document, seqFs []rules.Finding) bool {
	t.Helper()
	if !reflect.DeepEqual(fs, seqFs) {
		t.Fatalf("%s: findings differ\n got %+v\nwant %+v\ninput %q", what, fs, seqFs, clip(data))
	}
	if (doc == nil) != (seqDoc == nil) {
		t.Fatalf("%s: document %v, sequential %v", what, doc != nil, seqDoc != nil)
	}
	if doc == nil {
		return false
	}
	if !reflect.DeepEqual(doc.Root, seqDoc.Root) {
		t.Fatalf("%s: models differ\n got %#v\nwant %#v\ninput %q", what, doc.Root, seqDoc.Root, clip(data))
	}
	if doc.Kind != seqDoc.Kind || doc.Shape != seqDoc.Shape || !reflect.DeepEqual(doc.Entities, seqDoc.Entities) {
		t.Fatalf("%s: kind %q/%q shape %q/%q or entities differ", what, doc.Kind, seqDoc.Kind, doc.Shape, seqDoc.Shape)
	}
	return true
}
