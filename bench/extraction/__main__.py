from bench.extraction.run import main

raise SystemExit(main())
