# SYNTAX TEST "source.anylog" "the scopes each construct gets"
:deploy:
# <- punctuation.definition.label.begin.anylog
#^^^^^^ entity.name.label.anylog
   :indented:
#  ^^^^^^^^^^ invalid.illegal.label.anylog
run tcp server where external_port = !port.int and bind = true   # port from the env
#^^^^^^^^^^^^^ keyword.other.command.anylog
#              ^^^^^ keyword.other.anylog
#                    ^^^^^^^^^^^^^ entity.other.attribute-name.key.anylog
#                                  ^ keyword.operator.assignment.anylog
#                                    ^^^^^^^^^ variable.other.readwrite.anylog
#                                         ^^^^ support.function.cast.anylog
#                                              ^^^ keyword.operator.logical.anylog
#                                                         ^^^^ constant.language.boolean.anylog
#                                                                ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.anylog
if !node_type == operator then goto deploy
# <- keyword.control.conditional.anylog
#  ^^^^^^^^^^ variable.other.readwrite.anylog
#             ^^ keyword.operator.comparison.anylog
#                         ^^^^ keyword.control.conditional.anylog
#                              ^^^^ keyword.control.anylog
#                                   ^^^^^^ entity.name.label.reference.anylog
else print "not an operator"
# <- keyword.control.conditional.anylog
#    ^^^^^ keyword.other.command.anylog
#          ^^^^^^^^^^^^^^^^^ string.quoted.double.anylog
cluster_id = blockchain get cluster where name = $CLUSTER bring.first [*][id]
# <- variable.other.assignment.anylog
#          ^ keyword.operator.assignment.anylog
#            ^^^^^^^^^^ keyword.other.command.anylog
#                                                ^^^^^^^^ variable.other.environment.anylog
#                                                         ^^^^^^^^^^^ keyword.other.bring.anylog
#                                                                     ^ meta.structure.array.anylog punctuation.definition.array.begin.anylog
policy = {"operator": {"name": !node_name, "port": 32148}}
#        ^ meta.structure.dictionary.anylog punctuation.definition.dictionary.begin.anylog
#         ^^^^^^^^^^ meta.structure.dictionary.anylog support.type.property-name.anylog
#                              ^^^^^^^^^^ meta.structure.dictionary.anylog meta.structure.dictionary.anylog variable.other.readwrite.anylog
#                                                  ^^^^^ meta.structure.dictionary.anylog meta.structure.dictionary.anylog constant.numeric.anylog
print done & never runs
#          ^ keyword.operator.dropped.anylog
#            ^^^^^^^^^^ comment.line.dropped.anylog
print "unclosed
#     ^^^^^^^^^ invalid.illegal.unclosed-string.anylog
