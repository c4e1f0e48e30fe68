:deploy:
print deploying
:after-setup: this text on a label line never runs
   :indented-label:
:malformed-label;
:no-second-colon
goto deploy
