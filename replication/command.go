package replication

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// CommandName is the name of the restore command. It must run before PocketBase opens (and so
// creates) data.db: main.go runs it before building the app (RunBeforeApp).
const CommandName = "restore-replica"

// Command is `maillage restore-replica`: it rebuilds data.db of a data dir that has none from
// the replica, and marks the data dir so that the next start draws a new sync epoch.
func Command() *cobra.Command {
	var cfgPath, dir string
	var ifDBNotExists, ifReplicaExists bool
	cmd := &cobra.Command{
		Use:   CommandName,
		Short: "Restore data.db from its Litestream replica into a data dir without one",
		Long: "Restore data.db from the replica named by the Litestream configuration (--config or " + EnvConfig + ") " +
			"into --dir, which must hold no data.db; devices notice the restore (a new sync epoch) and push their unsent work again. " +
			"`serve --replicate` restores by itself when data.db is missing.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRestore(cmd, cfgPath, dir, ifDBNotExists, ifReplicaExists)
		},
	}
	cmd.Flags().StringVar(&cfgPath, "config", os.Getenv(EnvConfig), "the Litestream configuration file (litestream.yml); env "+EnvConfig)
	cmd.Flags().StringVar(&dir, "dir", defaultDataDir(), "the data dir to restore data.db into")
	cmd.Flags().BoolVar(&ifDBNotExists, "if-db-not-exists", false, "do nothing (and succeed) when --dir already holds data.db")
	cmd.Flags().BoolVar(&ifReplicaExists, "if-replica-exists", false, "do nothing (and succeed) when the replica holds no database yet")
	return cmd
}

func runRestore(cmd *cobra.Command, cfgPath, dir string, ifDBNotExists, ifReplicaExists bool) error {
	if cfgPath == "" {
		return fmt.Errorf("%s: --config or %s is required", CommandName, EnvConfig)
	}
	cfg, err := ReadConfig(cfgPath)
	if err != nil {
		return err
	}
	err = Restore(context.Background(), cfg, dir)
	switch {
	case errors.Is(err, ErrDBExists) && ifDBNotExists, errors.Is(err, ErrNoReplica) && ifReplicaExists:
		fmt.Fprintln(cmd.OutOrStdout(), "Nothing restored:", err)
		return nil
	case err != nil:
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Restored %s from the replica; the next start draws a new sync epoch.\n", filepath.Join(dir, dataDB))
	return nil
}

// RunBeforeApp runs `maillage restore-replica ...` when args (os.Args[1:]) ask for it, before
// any PocketBase app exists; ran is false for every other command.
func RunBeforeApp(args []string) (ran bool, err error) {
	if len(args) == 0 || args[0] != CommandName {
		return false, nil
	}
	cmd := Command()
	cmd.SetArgs(args[1:])
	return true, cmd.Execute()
}

// defaultDataDir is PocketBase's default data dir for a built binary: pb_data beside it.
func defaultDataDir() string {
	exe, err := os.Executable()
	if err != nil {
		return "pb_data"
	}
	return filepath.Join(filepath.Dir(exe), "pb_data")
}
