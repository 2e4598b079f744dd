import ArgumentParser

/// `tikscore`: the wallet of a creator points economy, in a terminal.
struct TikScoreCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tikscore",
        abstract: "A terminal wallet for a creator points economy: recharge, gifts, live points, withdrawals.",
        discussion: "Without a subcommand, opens the dashboard. Amounts are in points unless a flag says otherwise.",
        version: "0.1.0",
        subcommands: [
            DashboardCommand.self, AccountCommand.self, BalanceCommand.self, ConvertCommand.self,
            PackagesCommand.self, GiftsCommand.self, CardsCommand.self,
            RechargeCommand.self, GiftCommand.self, TransferCommand.self, RedeemCommand.self,
            RedemptionsCommand.self, WithdrawCommand.self, WithdrawalsCommand.self, EligibilityCommand.self,
            HistoryCommand.self, ExportCommand.self, VerifyCommand.self, DemoCommand.self,
            LiveCommand.self, FollowCommand.self, BattleCommand.self, FeedCommand.self, SimulateCommand.self, ConnectCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}
