//go:build !unix

package engine

import "errors"

func makeFIFO(string) error { return errors.New("FIFOs are not supported on this system") }
