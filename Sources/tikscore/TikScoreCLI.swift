import ArgumentParser

/// `tikscore`: the wallet of a creator points economy, in a terminal.
struct TikScoreCLI: AsyncParsableCommand {
    /// What `--version` prints.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tikscore",
        abstract: "A terminal wallet for a creator points economy: recharge, gifts, live points, withdrawals.",
        discussion: """
            Without a subcommand, opens the dashboard. Amounts are in points.

            Options of every wallet command, before or after the subcommand:
              --db PATH       the wallet file; else $TIKSCORE_DB, else
                              $XDG_DATA_HOME/tikscore/wallet.sqlite
              --economy DIR   other catalogs; else $TIKSCORE_RESOURCES
              --operator NAME who runs the command (recorded, shown by
                              `history`); else your user name
              --json          JSON output (commands that print data)
            TIKSCORE_NOW=2026-11-24T12:00:00Z fixes the clock; NO_COLOR=1 turns
            colours off. Exit status: 0 done, 1 refused or failed (one `error:`
            line), 64 usage error.
            """,
        version: version,
        subcommands: [
            DashboardCommand.self, AccountCommand.self, BalanceCommand.self, ConvertCommand.self,
            PackagesCommand.self, GiftsCommand.self, CardsCommand.self, EconomyCommand.self, ConfigCommand.self,
            RechargeCommand.self, GiftCommand.self, TransferCommand.self, RedeemCommand.self,
            RedemptionsCommand.self, WithdrawCommand.self, WithdrawalsCommand.self, EligibilityCommand.self,
            HistoryCommand.self, ExportCommand.self, VerifyCommand.self, BackupCommand.self, RestoreCommand.self, MigrateCommand.self, DemoCommand.self,
            LiveCommand.self, SessionsCommand.self, FollowCommand.self, BattleCommand.self, FeedCommand.self, SimulateCommand.self, ConnectCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}
