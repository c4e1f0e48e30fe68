# SYNTAX TEST "source.anylog" "a block opens at `<` and closes at the first later line that ends with `>`"
<run operator where
# <- meta.block.anylog punctuation.section.block.begin.anylog
#^^^^^^^^^^^^ meta.block.anylog keyword.other.command.anylog
#             ^^^^^ meta.block.anylog keyword.other.anylog
    policy = !operator_id and
#   ^^^^^^ meta.block.anylog entity.other.attribute-name.key.anylog
    threads = 6>
#             ^ meta.block.anylog constant.numeric.anylog
#              ^ meta.block.anylog punctuation.section.block.end.anylog
<print a one-line block is not closed by its own >
print so this line is still in it>
# <- meta.block.anylog
#                                ^ meta.block.anylog punctuation.section.block.end.anylog
print outside
# <- keyword.other.command.anylog
