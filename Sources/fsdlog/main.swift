import FSDCLI

FSDLogCommand.main()
