SynthCommand.main()
