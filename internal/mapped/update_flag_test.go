package mapped

// Every test binary accepts -update, so that `go test ./... -update` runs
// from the root (internal/golden holds the flag).
import _ "github.com/rbaclint/rbaclint/internal/golden"
