from bench.bundles.run import main

raise SystemExit(main())
