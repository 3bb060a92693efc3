from smartvet.cli import main

main()
