package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"postbridge/storage"
)

// cliChildEnv carries a command line to the re-executed test binary.
const cliChildEnv = "POSTBRIDGE_CLI_CHILD"

// TestMain lets the test binary be `postbridge ARGS...`.
func TestMain(m *testing.M) {
	if spec := os.Getenv(cliChildEnv); spec != "" {
		var args []string
		if err := json.Unmarshal([]byte(spec), &args); err != nil {
			os.Exit(3)
		}
		stdio := IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
		os.Exit(Main(args, stdio, storage.Keyring{}, func(*Env) error { return fmt.Errorf("no window here") }))
	}
	os.Exit(m.Run())
}
