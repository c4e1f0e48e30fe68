from compiler.cli.app import run

run()
